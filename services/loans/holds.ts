// Holds: a queue per book, first come first served. A returned copy waits on the hold
// shelf for the first in line until the pickup window ends, then goes to the next; with
// nobody left in line inventory puts it back on the open shelf ("reshelve").
import type { Principal } from '../shared/auth.js';
import type { CatalogClient } from '../contracts/catalog-client.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import type { LogFn } from '../shared/http/request-log.js';
import type { Page } from '../shared/http/validate.js';
import { randomId } from '../shared/ids.js';
import { NotFound } from '../shared/problem.js';
import type { Tx } from '../shared/store/json-store.js';
import type { MemberCheck } from '../contracts/users-client.js';
import { actingFor, canSee, listFilter } from './access.js';
import type { HoldIndex } from './hold-index.js';
import type { LoanIndex } from './loan-index.js';
import type { Policy } from './policy.js';
import { AlreadyBorrowed, CopyAvailable, HoldClosed, HoldExists, HoldInUse, UnknownBook } from './problems.js';
import type { HoldRecord, LoansSchema, LoansStore, Reshelve } from './store.js';
import type { Hold, HoldStatus } from './types.js';
import { holdView } from './views.js';
import { loanCounters } from './metrics.js';

export interface HoldQuery {
  bookId?: string;
  username?: string;
  status?: HoldStatus;
}

export class HoldService {
  private readonly reshelving = new Set<string>();

  constructor(
    private readonly store: LoansStore,
    private readonly policy: Policy,
    private readonly inventory: InventoryClient,
    private readonly catalog: CatalogClient,
    private readonly log: LogFn,
    private readonly index: HoldIndex,
    private readonly loans: LoanIndex,
    private readonly members: MemberCheck,
  ) {}

  async place(caller: Principal, bookId: string, username: string | undefined, now: number, requestId?: string): Promise<Hold> {
    const member = await actingFor(caller, username, this.members, requestId);
    this.checkMayHold(member, bookId); // refuse early, before asking inventory
    await this.checkNoCopyFree(bookId, requestId);
    const placed = await this.store.change((tx) => {
      this.checkMayHold(member, bookId);
      const seq = tx.nextSeq('hold');
      const hold: HoldRecord = { id: `hd-${seq}`, seq, bookId, username: member, status: 'waiting', createdAt: new Date(now).toISOString() };
      tx.put('holds', hold.id, hold);
      return holdView(hold, this.index.queueLength(bookId) + 1);
    });
    loanCounters.holds.inc();
    return placed;
  }

  /** Open and closed holds, oldest first, from the hold index: a page reads only its own records. */
  list(caller: Principal, query: HoldQuery, page: { limit: number; offset: number }): Page<Hold> {
    const username = listFilter(caller, query.username, 'holds');
    const { items, total } = this.index.page({ username, bookId: query.bookId, status: query.status }, page.offset, page.limit);
    return { items: items.map((h) => holdView(h, this.index.positionOf(h))), total };
  }

  async cancel(caller: Principal, id: string, now: number): Promise<Hold> {
    const { closed, task } = await this.store.change((tx) => {
      const hold = tx.get('holds', id);
      if (!hold || !canSee(caller, hold.username)) {
        const old = this.store.get('closedHolds', id);
        if (old && canSee(caller, old.username)) throw new HoldClosed(id, old.status);
        throw new NotFound(`there is no hold ${id}`);
      }
      if (this.isBeingPickedUp(id)) throw new HoldInUse(id);
      const closed = this.close(tx, hold, 'cancelled', now);
      const task = hold.status === 'ready' && hold.barcode ? this.assign(tx, hold.bookId, hold.barcode, now) : null;
      return { closed, task };
    });
    if (task) void this.reshelve(task);
    return holdView(closed);
  }

  /** Hands on every ready hold whose pickup window has passed. */
  async sweep(now: number): Promise<void> {
    const expired = this.index.ready().filter((h) => Date.parse(h.pickupBy!) <= now);
    if (expired.length === 0) return;
    const tasks = await this.store.change((tx) => {
      const tasks: Reshelve[] = [];
      for (const { id } of expired) {
        const hold = tx.get('holds', id);
        if (!hold || hold.status !== 'ready' || this.isBeingPickedUp(id)) continue;
        this.close(tx, hold, 'expired', now);
        const task = this.assign(tx, hold.bookId, hold.barcode!, now);
        if (task) tasks.push(task);
        this.log({ level: 'info', msg: `hold ${id} expired; copy ${hold.barcode} passed on` });
      }
      return tasks;
    });
    await Promise.all(tasks.map((task) => this.reshelve(task)));
  }

  /**
   * Inside a change: gives the copy `barcode` (back from a loan, or left by an expired or
   * cancelled hold) to the first in line for `bookId`, or records that it goes back on
   * the shelf. Returns the reshelve task to run once the change is durable.
   */
  assign(tx: Tx<LoansSchema>, bookId: string, barcode: string, now: number): Reshelve | null {
    const next = this.index.queue(bookId).find((h) => tx.get('holds', h.id)?.status === 'waiting');
    if (next) {
      const readyAt = new Date(now).toISOString();
      const pickupBy = new Date(now + this.policy.pickupWindowMs).toISOString();
      tx.put('holds', next.id, { ...next, status: 'ready', barcode, readyAt, pickupBy });
      return null;
    }
    const task: Reshelve = { operationId: randomId('reshelve-'), barcode, bookId, createdAt: new Date(now).toISOString() };
    tx.put('reshelve', task.operationId, task);
    return task;
  }

  /** Inside a change: a member got `barcode` of `bookId`; their hold on it is done. */
  fulfil(tx: Tx<LoansSchema>, username: string, bookId: string, barcode: string, now: number): Reshelve | null {
    const hold = this.index.ofMember(username).find((h) => h.bookId === bookId);
    if (!hold) return null;
    this.close(tx, hold, 'fulfilled', now);
    // They took another copy than the one set aside for them: that one goes to the next in line.
    if (hold.status === 'ready' && hold.barcode && hold.barcode !== barcode) return this.assign(tx, bookId, hold.barcode, now);
    return null;
  }

  /** The member's ready hold on `bookId`, if any. */
  readyHoldOf(username: string, bookId: string): HoldRecord | undefined {
    return this.index.ofMember(username).find((h) => h.bookId === bookId && h.status === 'ready');
  }

  /** The member's open holds. */
  holdsOf(username: string): HoldRecord[] {
    return this.index.ofMember(username);
  }

  /** The ready hold that copy `barcode` waits on the hold shelf for, if any. */
  readyWithCopy(barcode: string): HoldRecord | undefined {
    return this.index.readyFor(barcode);
  }

  /** Why copy `barcode` is not free for `username` although it is on the hold shelf, or null. */
  barcodeHeldFrom(username: string, barcode: string): string | null {
    const hold = this.readyWithCopy(barcode);
    if (hold) return hold.username === username ? null : `copy ${barcode} waits on the hold shelf for another member`;
    if (this.loans.loanOfBarcode(barcode)?.returning?.shelf === 'on-hold-shelf') return `copy ${barcode} is going to the hold shelf`;
    for (const task of this.store.values('reshelve')) {
      if (task.barcode === barcode) return `copy ${barcode} is being put back on the shelf; try again shortly`;
    }
    return null;
  }

  /** Whether a copy of `bookId` is set aside for someone other than `username`. */
  bookHeldFrom(username: string, bookId: string): boolean {
    for (const h of this.index.ofBook(bookId)) if (h.status === 'ready' && h.username !== username) return true;
    for (const loan of this.loans.loansOfBook(bookId)) if (loan.returning?.shelf === 'on-hold-shelf') return true;
    for (const task of this.store.values('reshelve')) if (task.bookId === bookId) return true;
    return false;
  }

  hasWaiting(bookId: string): boolean {
    return this.index.queueLength(bookId) > 0;
  }

  pendingReshelves(): Reshelve[] {
    return [...this.store.values('reshelve')];
  }

  /** Puts a copy nobody is waiting for back on the open shelf; retried by upkeep on failure. */
  async reshelve(task: Reshelve): Promise<void> {
    if (this.reshelving.has(task.operationId)) return;
    this.reshelving.add(task.operationId);
    try {
      await this.inventory.checkinCopy(task.operationId, task.barcode, 'available');
      await this.store.change((tx) => tx.remove('reshelve', task.operationId));
    } catch (error) {
      this.log({ level: 'warn', msg: `reshelving copy ${task.barcode} failed, will retry: ${(error as Error).message}` });
    } finally {
      this.reshelving.delete(task.operationId);
    }
  }

  private checkMayHold(username: string, bookId: string): void {
    for (const h of this.index.ofMember(username)) if (h.bookId === bookId) throw new HoldExists(username, bookId);
    for (const loan of this.loans.loansOf(username)) if (loan.bookId === bookId) throw new AlreadyBorrowed(username, bookId);
  }

  private async checkNoCopyFree(bookId: string, requestId?: string): Promise<void> {
    const inventory = await this.inventory.getBook(bookId, requestId);
    if (inventory === null) {
      if ((await this.catalog.getBook(bookId, requestId)) === null) throw new UnknownBook(bookId);
      return; // a book with no copies yet: the hold waits for the first one
    }
    if (inventory.copies.available > 0) throw new CopyAvailable(bookId, inventory.copies.available);
  }

  private close(tx: Tx<LoansSchema>, hold: HoldRecord, status: HoldStatus, now: number): HoldRecord {
    const closed: HoldRecord = { ...hold, status, closedAt: new Date(now).toISOString() };
    tx.remove('holds', hold.id);
    tx.put('closedHolds', hold.id, closed);
    return closed;
  }

  private isBeingPickedUp(holdId: string): boolean {
    for (const intent of this.store.values('intents')) if (intent.holdId === holdId) return true;
    return false;
  }
}
