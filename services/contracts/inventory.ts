import type { ProblemBody } from '../shared/problem.js';
// The inventory contract: what its routes take and answer. Loans, orders and catalog
// call the internal routes through contracts/inventory-client.ts, never its files.

export const COPY_STATUSES = ['available', 'on-loan', 'on-hold-shelf', 'missing', 'withdrawn'] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];

export interface Copy {
  barcode: string; // "BC000001"
  bookId: string;
  status: CopyStatus;
  updatedAt: string;
}

/** GET /inventory (items) and GET /inventory/:bookId (with `barcodes`). */
export interface BookInventory {
  bookId: string;
  copies: { total: number; available: number };
  /** Units for sale now (units taken by an unfinished purchase are not counted). */
  stock: number;
}

export interface BookInventoryDetail extends BookInventory {
  barcodes: { barcode: string; status: CopyStatus }[];
}

/** POST /inventory/:bookId/copies (librarian) */
export interface AddCopiesRequest {
  count: number; // 1..100
}
export interface AddCopiesResponse {
  bookId: string;
  barcodes: string[];
}

/** PATCH /inventory/copies/:barcode (librarian) */
export interface PatchCopyRequest {
  status: 'missing' | 'withdrawn' | 'available';
}

/** PUT /inventory/:bookId/stock (librarian) */
export interface SetStockRequest {
  stock: number; // whole number >= 0
}

// ---- Internal routes (role "service" only) --------------------------------------
// Every take is keyed by the caller's operation id: the same id again answers the
// same take and takes nothing more. A take not confirmed within TAKE_TIMEOUT_MS
// (default 120000) is released by inventory itself.

export type TakeState = 'taken' | 'confirmed' | 'released';

/**
 * POST /internal/copies/take  { operationId, bookId } or { operationId, barcode }
 * 201 a new take, 200 the existing one for this operationId.
 * By bookId: any `available` copy, else 409 /problems/no-copy-available.
 * By barcode: that copy if `available` or `on-hold-shelf` (loans decides who may take a
 * held copy), else 409 /problems/copy-unavailable; unknown barcode 404.
 */
export interface CopyTakeRequest {
  operationId: string;
  bookId?: string;
  barcode?: string;
}

export interface CopyTake {
  operationId: string;
  bookId: string;
  barcode: string;
  /** The copy's status before the take; a release puts it back to this. */
  previousStatus: 'available' | 'on-hold-shelf';
  state: TakeState;
  expiresAt: string;
}

/**
 * POST /internal/copies/confirm { operationId } → 200 CopyTake (state "confirmed"); idempotent.
 *   A take that had expired is taken again if its copy is still free, else 409 /problems/take-expired.
 * POST /internal/copies/release { operationId } → 200 CopyTake (state "released"); idempotent;
 *   a confirmed take cannot be released (409 /problems/take-confirmed). Unknown id → 404.
 * POST /internal/copies/confirm-many { operationIds: [1–100 ids] } → 200 Confirmations<CopyTake>:
 *   each id confirmed as /internal/copies/confirm would, in one call (loans confirms the takes
 *   of the borrows answered meanwhile at once).
 * POST /internal/copies/checkin { operationId, barcode, shelf } → 200 Copy; idempotent.
 *   Puts an on-loan (or on-hold-shelf) copy on `shelf`: "available" or "on-hold-shelf".
 */
export interface OperationRequest {
  operationId: string;
}

export interface CheckinRequest {
  operationId: string;
  barcode: string;
  shelf: 'available' | 'on-hold-shelf';
}

/**
 * POST /internal/stock/take { operationId, bookId, quantity } → 201 StockTake (200 on retry);
 *   409 /problems/out-of-stock when fewer than `quantity` units are for sale. Stock never < 0.
 * POST /internal/stock/confirm { operationId } → 200 StockTake; idempotent (expired: taken again
 *   if the units are there, else 409 /problems/take-expired).
 * POST /internal/stock/release { operationId } → 200 StockTake; idempotent; confirmed → 409.
 * POST /internal/stock/confirm-many { operationIds: [1–100 ids] } → 200 Confirmations<StockTake>:
 *   each id confirmed as /internal/stock/confirm would, in one call (orders confirms the takes
 *   of many purchases at once).
 */
export interface StockTakeRequest {
  operationId: string;
  bookId: string;
  quantity: number;
}

export interface StockTake {
  operationId: string;
  bookId: string;
  quantity: number;
  state: TakeState;
  expiresAt: string;
}

/** What a confirm of one id (/internal/copies/confirm, /internal/stock/confirm) would have answered: the take, or the problem. */
export type Confirmation<Take> = { operationId: string; take: Take } | { operationId: string; problem: ProblemBody };

/** Ids one POST /internal/{copies,stock}/confirm-many may name. */
export const CONFIRM_MANY_MAX = 100;

/** POST /internal/{copies,stock}/confirm-many: one result per id, in the order asked. */
export interface Confirmations<Take> {
  results: Confirmation<Take>[];
}
