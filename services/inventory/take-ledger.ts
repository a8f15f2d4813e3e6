// The one machine behind copy takes and stock takes: a take holds something for an
// operation id until its caller confirms it (the loan or order is recorded) or releases
// it (it was not), or until the timeout releases it. The same operation id again answers
// the same take and holds nothing more. A confirm that comes after the timeout stands if
// what was held can be held again. Each check and its change run inside one store.change(),
// so two concurrent takes can never both hold the same thing. What is held (a copy, units
// of stock) is the subclass's business: claim(), reclaim() and giveBack().
import { isoNow } from '../shared/clock.js';
import type { Tx } from '../shared/store/json-store.js';
import { operationReused, takeConfirmed, takeReleased, unknownTake, type InventoryContext } from './context.js';
import type { InventorySchema } from './store.js';
import type { TakeKind } from './take-tracker.js';

export type InventoryTx = Tx<InventorySchema>;

export interface TakeResult<V> {
  take: V;
  /** false when the operation id was seen before and the earlier take is answered. */
  created: boolean;
}

/** What every new take starts with; claim() adds what it holds. */
export interface NewTake {
  operationId: string;
  state: 'taken';
  expiresAt: string;
}

export abstract class TakeLedger<K extends TakeKind, Request extends { operationId: string }, Public> {
  constructor(
    protected readonly ctx: InventoryContext,
    private readonly kind: K,
  ) {}

  /** Whether a request repeating an operation id asks for what its take holds. */
  protected abstract sameRequest(existing: InventorySchema[K], request: Request): boolean;
  /** Holds what the request asks for (or throws the refusal) and returns the new take. */
  protected abstract claim(tx: InventoryTx, request: Request, start: NewTake, at: string): InventorySchema[K];
  /** A confirm after the timeout: holds the same thing again, or throws /problems/take-expired. */
  protected abstract reclaim(tx: InventoryTx, take: InventorySchema[K], at: string): void;
  /** Gives back what a pending take holds. */
  protected abstract giveBack(tx: InventoryTx, take: InventorySchema[K], at: string): void;
  /** The contract's view of a stored take. */
  protected abstract publish(take: InventorySchema[K]): Public;

  async take(request: Request): Promise<TakeResult<Public>> {
    const nowMs = this.ctx.now();
    const at = new Date(nowMs).toISOString();
    return this.ctx.store.change((tx) => {
      const existing = tx.get(this.kind, request.operationId);
      if (existing) {
        if (!this.sameRequest(existing, request)) throw operationReused(request.operationId);
        // No write: a change that writes nothing is a durable read, so it answers only once
        // the first take it saw is on disk (store/README.md), never from a take a failing
        // disk may yet undo.
        return { take: this.publish(existing), created: false };
      }
      const start: NewTake = { operationId: request.operationId, state: 'taken', expiresAt: new Date(nowMs + this.ctx.takeTimeoutMs).toISOString() };
      const take = this.claim(tx, request, start, at);
      tx.put(this.kind, take.operationId, take);
      this.ctx.takes.taken(this.kind, take.operationId, take.expiresAt);
      return { take: this.publish(take), created: true };
    });
  }

  async confirm(operationId: string): Promise<Public> {
    const at = isoNow(this.ctx.now);
    return this.ctx.store.change((tx) => {
      const take = this.existing(tx, operationId);
      if (take.state === 'confirmed') return this.publish(take); // asked again: no write (see take())
      if (take.state === 'released') {
        if (!take.expired) throw takeReleased(operationId);
        this.reclaim(tx, take, at);
      }
      return this.publish(this.settle(tx, { ...take, state: 'confirmed', expired: false, settledAt: at }));
    });
  }

  async release(operationId: string): Promise<Public> {
    const at = isoNow(this.ctx.now);
    return this.ctx.store.change((tx) => {
      const take = this.existing(tx, operationId);
      if (take.state === 'confirmed') throw takeConfirmed(operationId);
      if (take.state === 'released') return this.publish(take); // asked again: no write (see take())
      return this.publish(this.expire(tx, take, at, false));
    });
  }

  /** Releases every take whose time is up; the sweeper calls this. */
  async expireDue(): Promise<number> {
    const nowMs = this.ctx.now();
    const due = this.ctx.takes.due(this.kind, nowMs);
    if (due.length === 0) return 0;
    const at = new Date(nowMs).toISOString();
    return this.ctx.store.change((tx) => {
      let expired = 0;
      for (const id of due) {
        const take = tx.get(this.kind, id);
        if (take?.state !== 'taken' || Date.parse(take.expiresAt) > nowMs) continue;
        this.expire(tx, take, at, true);
        expired++;
      }
      return expired;
    });
  }

  private existing(tx: InventoryTx, operationId: string): InventorySchema[K] {
    const take = tx.get(this.kind, operationId);
    if (!take) throw unknownTake(operationId);
    return take;
  }

  private expire(tx: InventoryTx, take: InventorySchema[K], at: string, expired: boolean): InventorySchema[K] {
    this.giveBack(tx, take, at);
    return this.settle(tx, { ...take, state: 'released', expired, settledAt: at });
  }

  private settle(tx: InventoryTx, take: InventorySchema[K]): InventorySchema[K] {
    tx.put(this.kind, take.operationId, take);
    this.ctx.takes.settle(this.kind, take.operationId, take.settledAt!);
    return take;
  }
}
