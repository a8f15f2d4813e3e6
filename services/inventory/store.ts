// Inventory's files: one DurableStore (inventory.json snapshot + inventory.journal) under
// DATA_DIR/inventory. The records below are what is stored; the routes answer the
// contract types of types.ts, built from them.
import { DurableStore } from '../shared/store/json-store.js';
import type { CheckinRequest, Copy, CopyTake, StockTake } from '../contracts/inventory.js';
import { stringSharer } from './share-strings.js';

export const STORE_NAME = 'inventory';

/** A copy, plus the operation of the copy take that holds it (a pending take or a loan). */
export interface StoredCopy extends Copy {
  takeId?: string;
}

/** A book inventory knows of; `stock` is the units for sale now. */
export interface BookRecord {
  bookId: string;
  stock: number;
  updatedAt: string;
}

/** When a take stopped being pending, and whether the timeout (not the caller) released it. */
interface Settled {
  settledAt?: string;
  expired?: boolean;
}

export type StoredCopyTake = CopyTake & Settled;
export type StoredStockTake = StockTake & Settled;

/** A check-in done, kept so that a retry of the same operation changes nothing. */
export interface CheckinRecord extends CheckinRequest {
  settledAt: string;
}

export type InventorySchema = {
  books: BookRecord;
  copies: StoredCopy;
  copyTakes: StoredCopyTake;
  stockTakes: StoredStockTake;
  checkins: CheckinRecord;
};

export const COLLECTIONS = ['books', 'copies', 'copyTakes', 'stockTakes', 'checkins'] as const;

export type InventoryStore = DurableStore<InventorySchema>;

export function openInventoryStore(dir: string, compactAfterBytes?: number): Promise<InventoryStore> {
  return DurableStore.open<InventorySchema>({
    dir,
    name: STORE_NAME,
    collections: COLLECTIONS,
    compactAfterBytes,
    prepare: stringSharer(),
  });
}

/** "BC000001": six digits at least, more once there are a million copies. */
export function barcodeFor(seq: number): string {
  return `BC${String(seq).padStart(6, '0')}`;
}

/** The contract's view of a stored copy (without the take that holds it). */
export function publicCopy({ barcode, bookId, status, updatedAt }: StoredCopy): Copy {
  return { barcode, bookId, status, updatedAt };
}

export function publicCopyTake({ operationId, bookId, barcode, previousStatus, state, expiresAt }: StoredCopyTake): CopyTake {
  return { operationId, bookId, barcode, previousStatus, state, expiresAt };
}

export function publicStockTake({ operationId, bookId, quantity, state, expiresAt }: StoredStockTake): StockTake {
  return { operationId, bookId, quantity, state, expiresAt };
}
