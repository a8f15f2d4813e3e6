// Taking copies for loans: take → confirm (the loan is recorded) or release (it was not),
// and check-in when a loan ends. Each check and its change run inside one store.change(),
// so two concurrent takes can never both get the same copy.
import { Conflict, NotFound } from '../shared/problem.js';
import type { Tx } from '../shared/store/json-store.js';
import { operationReused, takeConfirmed, takeExpired, takeReleased, unknownTake, type InventoryContext } from './context.js';
import { publicCopy, publicCopyTake, type InventorySchema, type StoredCopy, type StoredCopyTake } from './store.js';
import type { CheckinRequest, Copy, CopyTake, CopyTakeRequest } from './types.js';

type T = Tx<InventorySchema>;

export interface TakeResult<V> {
  take: V;
  /** false when the operation id was seen before and the earlier take is answered. */
  created: boolean;
}

export class CopyTakes {
  constructor(private readonly ctx: InventoryContext) {}

  async take(request: CopyTakeRequest): Promise<TakeResult<CopyTake>> {
    const now = this.ctx.now();
    return this.ctx.store.change((tx) => {
      const existing = tx.get('copyTakes', request.operationId);
      if (existing) {
        const same = request.barcode !== undefined ? existing.barcode === request.barcode : existing.bookId === request.bookId;
        if (!same) throw operationReused(request.operationId);
        tx.put('copyTakes', existing.operationId, existing); // answered once the first take is durable
        return { take: publicCopyTake(existing), created: false };
      }
      const copy = request.barcode !== undefined ? this.takeableCopy(tx, request.barcode) : this.availableCopy(tx, request.bookId!);
      const take: StoredCopyTake = {
        operationId: request.operationId,
        bookId: copy.bookId,
        barcode: copy.barcode,
        previousStatus: copy.status as CopyTake['previousStatus'],
        state: 'taken',
        expiresAt: new Date(now.getTime() + this.ctx.takeTimeoutMs).toISOString(),
      };
      this.hold(tx, copy, take.operationId, now);
      tx.put('copyTakes', take.operationId, take);
      this.ctx.takes.taken('copyTakes', take.operationId, take.expiresAt);
      return { take: publicCopyTake(take), created: true };
    });
  }

  async confirm(operationId: string): Promise<CopyTake> {
    const now = this.ctx.now();
    return this.ctx.store.change((tx) => {
      const take = tx.get('copyTakes', operationId);
      if (!take) throw unknownTake(operationId);
      if (take.state === 'confirmed') {
        tx.put('copyTakes', operationId, take);
        return publicCopyTake(take);
      }
      if (take.state === 'released') return publicCopyTake(this.takeAgain(tx, take, now));
      return publicCopyTake(this.settle(tx, { ...take, state: 'confirmed', settledAt: now.toISOString() }));
    });
  }

  async release(operationId: string): Promise<CopyTake> {
    const now = this.ctx.now();
    return this.ctx.store.change((tx) => {
      const take = tx.get('copyTakes', operationId);
      if (!take) throw unknownTake(operationId);
      if (take.state === 'confirmed') throw takeConfirmed(operationId);
      if (take.state === 'released') {
        tx.put('copyTakes', operationId, take);
        return publicCopyTake(take);
      }
      return publicCopyTake(this.giveBack(tx, take, now, false));
    });
  }

  /** Releases every take whose time is up; the sweeper calls this. */
  async expireDue(): Promise<number> {
    const now = this.ctx.now();
    const due = this.ctx.takes.due('copyTakes', now.getTime());
    if (due.length === 0) return 0;
    return this.ctx.store.change((tx) => {
      let expired = 0;
      for (const id of due) {
        const take = tx.get('copyTakes', id);
        if (take?.state !== 'taken' || Date.parse(take.expiresAt) > now.getTime()) continue;
        this.giveBack(tx, take, now, true);
        expired++;
      }
      return expired;
    });
  }

  /** Puts a returned copy on a shelf; a withdrawn copy stays withdrawn. */
  async checkin(request: CheckinRequest): Promise<Copy> {
    const now = this.ctx.now().toISOString();
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
      const next: StoredCopy = { ...rest, status: copy.status === 'withdrawn' ? 'withdrawn' : request.shelf, updatedAt: now };
      tx.put('copies', next.barcode, next);
      tx.put('checkins', request.operationId, { ...request, settledAt: now });
      this.ctx.takes.settle('checkins', request.operationId, now);
      return publicCopy(next);
    });
  }

  private availableCopy(tx: T, bookId: string): StoredCopy {
    for (const barcode of this.ctx.books.barcodes(bookId)) {
      const copy = tx.get('copies', barcode);
      if (copy && copy.status === 'available' && !copy.takeId) return copy;
    }
    const why = this.ctx.books.barcodes(bookId).length === 0 ? 'inventory has no copy of it' : 'every copy is on loan, on the hold shelf, missing or withdrawn';
    throw new Conflict('no-copy-available', 'No copy available', `no copy of ${bookId} can be lent now: ${why}`, { bookId });
  }

  private takeableCopy(tx: T, barcode: string): StoredCopy {
    const copy = tx.get('copies', barcode);
    if (!copy) throw new NotFound(`no copy has the barcode ${barcode}`);
    if ((copy.status !== 'available' && copy.status !== 'on-hold-shelf') || copy.takeId) {
      throw new Conflict('copy-unavailable', 'Copy unavailable', `copy ${barcode} is ${copy.status}`, { barcode, status: copy.status });
    }
    return copy;
  }

  private hold(tx: T, copy: StoredCopy, operationId: string, now: Date): void {
    tx.put('copies', copy.barcode, { ...copy, status: 'on-loan', takeId: operationId, updatedAt: now.toISOString() });
  }

  /** A confirm after the timeout released the take: it stands if the copy is still free. */
  private takeAgain(tx: T, take: StoredCopyTake, now: Date): StoredCopyTake {
    if (!take.expired) throw takeReleased(take.operationId);
    const copy = tx.get('copies', take.barcode);
    if (!copy || copy.status !== take.previousStatus || copy.takeId) {
      throw takeExpired(take.operationId, `copy ${take.barcode} is now ${copy?.status ?? 'gone'}`);
    }
    this.hold(tx, copy, take.operationId, now);
    return this.settle(tx, { ...take, state: 'confirmed', expired: false, settledAt: now.toISOString() });
  }

  /** Undoes a pending take: the copy goes back to where it was, unless it has moved on since. */
  private giveBack(tx: T, take: StoredCopyTake, now: Date, expired: boolean): StoredCopyTake {
    const copy = tx.get('copies', take.barcode);
    if (copy && copy.takeId === take.operationId) {
      const { takeId: _take, ...rest } = copy;
      // A copy marked missing while taken stays missing; otherwise it returns to its shelf.
      const status = copy.status === 'on-loan' ? take.previousStatus : copy.status;
      tx.put('copies', copy.barcode, { ...rest, status, updatedAt: now.toISOString() });
    }
    return this.settle(tx, { ...take, state: 'released', expired, settledAt: now.toISOString() });
  }

  private settle(tx: T, take: StoredCopyTake): StoredCopyTake {
    tx.put('copyTakes', take.operationId, take);
    this.ctx.takes.settle('copyTakes', take.operationId, take.settledAt!);
    return take;
  }
}
