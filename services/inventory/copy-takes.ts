// Taking copies for loans, on the take ledger (take → confirm or release), and check-in
// when a loan ends. A copy a take holds is `on-loan` with the take's operation id.
import { isoNow } from '../shared/clock.js';
import { Conflict, NotFound } from '../shared/problem.js';
import { operationReused, takeExpired, type InventoryContext } from './context.js';
import { TakeLedger, type InventoryTx, type NewTake } from './take-ledger.js';
import { publicCopy, publicCopyTake, type StoredCopy, type StoredCopyTake } from './store.js';
import type { CheckinRequest, Copy, CopyTake, CopyTakeRequest } from '../contracts/inventory.js';

export type { TakeResult } from './take-ledger.js';

export class CopyTakes extends TakeLedger<'copyTakes', CopyTakeRequest, CopyTake> {
  constructor(ctx: InventoryContext) {
    super(ctx, 'copyTakes');
  }

  /** Puts a returned copy on a shelf; a withdrawn copy stays withdrawn. */
  async checkin(request: CheckinRequest): Promise<Copy> {
    const at = isoNow(this.ctx.now);
    return this.ctx.store.change((tx) => {
      const done = tx.get('checkins', request.operationId);
      if (done) {
        if (done.barcode !== request.barcode || done.shelf !== request.shelf) throw operationReused(request.operationId);
        tx.put('checkins', done.operationId, done);
        return publicCopy(tx.get('copies', done.barcode)!);
      }
      const copy = tx.get('copies', request.barcode);
      if (!copy) throw new NotFound(`no copy has the barcode ${request.barcode}`);
      const { takeId: _loan, ...rest } = copy;
      const next: StoredCopy = { ...rest, status: copy.status === 'withdrawn' ? 'withdrawn' : request.shelf, updatedAt: at };
      tx.put('copies', next.barcode, next);
      tx.put('checkins', request.operationId, { ...request, settledAt: at });
      this.ctx.takes.settle('checkins', request.operationId, at);
      return publicCopy(next);
    });
  }

  protected sameRequest(existing: StoredCopyTake, request: CopyTakeRequest): boolean {
    return request.barcode !== undefined ? existing.barcode === request.barcode : existing.bookId === request.bookId;
  }

  protected claim(tx: InventoryTx, request: CopyTakeRequest, start: NewTake, at: string): StoredCopyTake {
    const copy = request.barcode !== undefined ? this.takeableCopy(tx, request.barcode) : this.availableCopy(tx, request.bookId!);
    const take: StoredCopyTake = {
      operationId: start.operationId,
      bookId: copy.bookId,
      barcode: copy.barcode,
      previousStatus: copy.status as CopyTake['previousStatus'],
      state: start.state,
      expiresAt: start.expiresAt,
    };
    this.hold(tx, copy, take.operationId, at);
    return take;
  }

  /** The late confirm stands if the copy is still where the take found it. */
  protected reclaim(tx: InventoryTx, take: StoredCopyTake, at: string): void {
    const copy = tx.get('copies', take.barcode);
    if (!copy || copy.status !== take.previousStatus || copy.takeId) {
      throw takeExpired(take.operationId, `copy ${take.barcode} is now ${copy?.status ?? 'gone'}`);
    }
    this.hold(tx, copy, take.operationId, at);
  }

  /** The copy goes back to where it was, unless it has moved on since. */
  protected giveBack(tx: InventoryTx, take: StoredCopyTake, at: string): void {
    const copy = tx.get('copies', take.barcode);
    if (!copy || copy.takeId !== take.operationId) return;
    const { takeId: _take, ...rest } = copy;
    // A copy marked missing while taken stays missing; otherwise it returns to its shelf.
    const status = copy.status === 'on-loan' ? take.previousStatus : copy.status;
    tx.put('copies', copy.barcode, { ...rest, status, updatedAt: at });
  }

  protected publish(take: StoredCopyTake): CopyTake {
    return publicCopyTake(take);
  }

  private availableCopy(tx: InventoryTx, bookId: string): StoredCopy {
    for (const barcode of this.ctx.books.barcodes(bookId)) {
      const copy = tx.get('copies', barcode);
      if (copy && copy.status === 'available' && !copy.takeId) return copy;
    }
    const why = this.ctx.books.barcodes(bookId).length === 0 ? 'inventory has no copy of it' : 'every copy is on loan, on the hold shelf, missing or withdrawn';
    throw new Conflict('no-copy-available', 'No copy available', `no copy of ${bookId} can be lent now: ${why}`, { bookId });
  }

  private takeableCopy(tx: InventoryTx, barcode: string): StoredCopy {
    const copy = tx.get('copies', barcode);
    if (!copy) throw new NotFound(`no copy has the barcode ${barcode}`);
    if ((copy.status !== 'available' && copy.status !== 'on-hold-shelf') || copy.takeId) {
      throw new Conflict('copy-unavailable', 'Copy unavailable', `copy ${barcode} is ${copy.status}`, { barcode, status: copy.status });
    }
    return copy;
  }

  private hold(tx: InventoryTx, copy: StoredCopy, operationId: string, at: string): void {
    tx.put('copies', copy.barcode, { ...copy, status: 'on-loan', takeId: operationId, updatedAt: at });
  }
}
