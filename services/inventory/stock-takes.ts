// Taking units of stock for purchases: take → confirm (the order is recorded) or release
// (it was not). Units taken leave `stock` at once, so stock can never be sold twice or
// go below 0; each check and its change run inside one store.change().
import { Conflict } from '../shared/problem.js';
import type { Tx } from '../shared/store/json-store.js';
import { operationReused, takeConfirmed, takeExpired, takeReleased, unknownTake, type InventoryContext } from './context.js';
import type { TakeResult } from './copy-takes.js';
import { publicStockTake, type InventorySchema, type StoredStockTake } from './store.js';
import type { StockTake, StockTakeRequest } from './types.js';

type T = Tx<InventorySchema>;

export class StockTakes {
  constructor(private readonly ctx: InventoryContext) {}

  async take(request: StockTakeRequest): Promise<TakeResult<StockTake>> {
    const now = this.ctx.now();
    return this.ctx.store.change((tx) => {
      const existing = tx.get('stockTakes', request.operationId);
      if (existing) {
        if (existing.bookId !== request.bookId || existing.quantity !== request.quantity) throw operationReused(request.operationId);
        tx.put('stockTakes', existing.operationId, existing); // answered once the first take is durable
        return { take: publicStockTake(existing), created: false };
      }
      this.removeUnits(tx, request.bookId, request.quantity, now, () => this.outOfStock(tx, request.bookId, request.quantity));
      const take: StoredStockTake = {
        operationId: request.operationId,
        bookId: request.bookId,
        quantity: request.quantity,
        state: 'taken',
        expiresAt: new Date(now.getTime() + this.ctx.takeTimeoutMs).toISOString(),
      };
      tx.put('stockTakes', take.operationId, take);
      this.ctx.takes.taken('stockTakes', take.operationId, take.expiresAt);
      return { take: publicStockTake(take), created: true };
    });
  }

  async confirm(operationId: string): Promise<StockTake> {
    const now = this.ctx.now();
    return this.ctx.store.change((tx) => {
      const take = tx.get('stockTakes', operationId);
      if (!take) throw unknownTake(operationId);
      if (take.state === 'confirmed') {
        tx.put('stockTakes', operationId, take);
        return publicStockTake(take);
      }
      if (take.state === 'released') {
        // A confirm after the timeout released the units: it stands if they are still there.
        if (!take.expired) throw takeReleased(operationId);
        this.removeUnits(tx, take.bookId, take.quantity, now, () =>
          takeExpired(operationId, `fewer than ${take.quantity} unit(s) of ${take.bookId} are left`),
        );
      }
      return publicStockTake(this.settle(tx, { ...take, state: 'confirmed', expired: false, settledAt: now.toISOString() }));
    });
  }

  async release(operationId: string): Promise<StockTake> {
    const now = this.ctx.now();
    return this.ctx.store.change((tx) => {
      const take = tx.get('stockTakes', operationId);
      if (!take) throw unknownTake(operationId);
      if (take.state === 'confirmed') throw takeConfirmed(operationId);
      if (take.state === 'released') {
        tx.put('stockTakes', operationId, take);
        return publicStockTake(take);
      }
      return publicStockTake(this.giveBack(tx, take, now, false));
    });
  }

  /** Releases every take whose time is up; the sweeper calls this. */
  async expireDue(): Promise<number> {
    const now = this.ctx.now();
    const due = this.ctx.takes.due('stockTakes', now.getTime());
    if (due.length === 0) return 0;
    return this.ctx.store.change((tx) => {
      let expired = 0;
      for (const id of due) {
        const take = tx.get('stockTakes', id);
        if (take?.state !== 'taken' || Date.parse(take.expiresAt) > now.getTime()) continue;
        this.giveBack(tx, take, now, true);
        expired++;
      }
      return expired;
    });
  }

  private removeUnits(tx: T, bookId: string, quantity: number, now: Date, refusal: () => Error): void {
    const book = tx.get('books', bookId);
    if (!book || book.stock < quantity) throw refusal();
    tx.put('books', bookId, { ...book, stock: book.stock - quantity, updatedAt: now.toISOString() });
  }

  private outOfStock(tx: T, bookId: string, quantity: number): Conflict {
    const available = tx.get('books', bookId)?.stock ?? 0;
    const detail = `${quantity} unit(s) of ${bookId} asked for, ${available} for sale`;
    return new Conflict('out-of-stock', 'Out of stock', detail, { bookId, available });
  }

  private giveBack(tx: T, take: StoredStockTake, now: Date, expired: boolean): StoredStockTake {
    const book = tx.get('books', take.bookId);
    // The book record is never deleted, so the units always have somewhere to go back to.
    if (book) tx.put('books', book.bookId, { ...book, stock: book.stock + take.quantity, updatedAt: now.toISOString() });
    return this.settle(tx, { ...take, state: 'released', expired, settledAt: now.toISOString() });
  }

  private settle(tx: T, take: StoredStockTake): StoredStockTake {
    tx.put('stockTakes', take.operationId, take);
    this.ctx.takes.settle('stockTakes', take.operationId, take.settledAt!);
    return take;
  }
}
