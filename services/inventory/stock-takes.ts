// Taking units of stock for purchases, on the take ledger: units taken leave `stock` at
// once, so stock can never be sold twice or go below 0.
import { Conflict } from '../shared/problem.js';
import { takeExpired, type InventoryContext } from './context.js';
import { TakeLedger, type InventoryTx, type NewTake } from './take-ledger.js';
import { publicStockTake, type StoredStockTake } from './store.js';
import type { StockTake, StockTakeRequest } from '../contracts/inventory.js';

export class StockTakes extends TakeLedger<'stockTakes', StockTakeRequest, StockTake> {
  constructor(ctx: InventoryContext) {
    super(ctx, 'stockTakes');
  }

  protected sameRequest(existing: StoredStockTake, request: StockTakeRequest): boolean {
    return existing.bookId === request.bookId && existing.quantity === request.quantity;
  }

  protected claim(tx: InventoryTx, request: StockTakeRequest, start: NewTake, at: string): StoredStockTake {
    this.removeUnits(tx, request.bookId, request.quantity, at, () => this.outOfStock(tx, request.bookId, request.quantity));
    return { operationId: start.operationId, bookId: request.bookId, quantity: request.quantity, state: start.state, expiresAt: start.expiresAt };
  }

  protected reclaim(tx: InventoryTx, take: StoredStockTake, at: string): void {
    this.removeUnits(tx, take.bookId, take.quantity, at, () => takeExpired(take.operationId, `fewer than ${take.quantity} unit(s) of ${take.bookId} are left`));
  }

  protected giveBack(tx: InventoryTx, take: StoredStockTake, at: string): void {
    const book = tx.get('books', take.bookId);
    // The book record is never deleted, so the units always have somewhere to go back to.
    if (book) tx.put('books', book.bookId, { ...book, stock: book.stock + take.quantity, updatedAt: at });
  }

  protected publish(take: StoredStockTake): StockTake {
    return publicStockTake(take);
  }

  private removeUnits(tx: InventoryTx, bookId: string, quantity: number, at: string, refusal: () => Error): void {
    const book = tx.get('books', bookId);
    if (!book || book.stock < quantity) throw refusal();
    tx.put('books', bookId, { ...book, stock: book.stock - quantity, updatedAt: at });
  }

  private outOfStock(tx: InventoryTx, bookId: string, quantity: number): Conflict {
    const available = tx.get('books', bookId)?.stock ?? 0;
    const detail = `${quantity} unit(s) of ${bookId} asked for, ${available} for sale`;
    return new Conflict('out-of-stock', 'Out of stock', detail, { bookId, available });
  }
}
