// Returning a copy: mark the loan as on its way back (durably), check the copy in at
// inventory (to the hold shelf when someone waits for the book), then close the loan
// (charging any fine) and append it to loan_history.csv, side by side: two files, their
// fsyncs at once. A crash may leave either without the other: a closed loan without its
// row gets it at the next start (upkeep.fillHistory); a loan with its row but still open
// is closed without asking inventory again (a row is written only after its check-in
// succeeded) and gets no second row. Only a 4xx refusal from inventory
// undoes the mark. Any other failure (no answer, timeout, 5xx) leaves the outcome unknown:
// inventory may have shelved the copy, so the mark stays (503 to the caller) and the same
// check-in, under the same operation id (idempotent at inventory), is redone by a retry of
// the return or by upkeep until inventory answers.
import type { Principal } from '../shared/auth.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import type { LogFn } from '../shared/http/request-log.js';
import { isRefusal } from '../shared/http/service-client.js';
import { randomId } from '../shared/ids.js';
import { NextBatch } from '../shared/next-batch.js';
import { NotFound, ServiceUnavailable } from '../shared/problem.js';
import type { Clock } from '../shared/clock.js';
import type { FineService } from './fines.js';
import type { LoanHistory } from './history.js';
import { fineFor } from './fine-rules.js';
import type { HoldService } from './holds.js';
import type { InFlight } from './in-flight.js';
import type { Policy } from './policy.js';
import { ReturnInProgress } from './problems.js';
import type { Tx } from '../shared/store/json-store.js';
import type { ClosedLoan, LoansSchema, LoansStore, OpenLoan, Reshelve } from './store.js';
import { loanCounters } from './metrics.js';
import { idNumber } from './views.js';

export interface ReturnDeps {
  store: LoansStore;
  history: LoanHistory;
  policy: Policy;
  inventory: InventoryClient;
  holds: HoldService;
  fines: FineService;
  log: LogFn;
  clock: Clock;
  inFlight: InFlight;
  /** The caller's open loan `id`, or a 404 / loan-returned problem. */
  visibleOpen(caller: Principal, id: string): OpenLoan;
}

export class ReturnService {
  /**
   * Closed loans whose history row is on disk, to drop from the store: those of the returns
   * finished meanwhile go in one change (a change of its own for each was a sixth of a
   * borrow-and-return cycle's store work). One left behind by a crash is dropped at the
   * next start (upkeep.fillHistory).
   */
  private readonly logged = new NextBatch<string, true>((batch) => this.forget([...batch.keys()]));

  constructor(private readonly deps: ReturnDeps) {}

  /**
   * A retried return (after a 503) may meet upkeep, or a parallel request, carrying on the
   * same pending return: it waits for that attempt, then answers from what it left — the
   * loan closed (409 loan-returned), or still pending, which this request carries on.
   */
  async returnLoan(caller: Principal, id: string, requestId?: string): Promise<ClosedLoan> {
    const { inFlight } = this.deps;
    for (let other = inFlight.returnOf(id); other; other = inFlight.returnOf(id)) await other.catch(() => {});
    return inFlight.returning(id, () => this.attemptReturn(caller, id, requestId));
  }

  private async attemptReturn(caller: Principal, id: string, requestId?: string): Promise<ClosedLoan> {
    const { store, holds, inFlight } = this.deps;
    let operationId = randomId('return-');
    // Checked and claimed in one synchronous step, so upkeep and a parallel request keep off.
    const loan = await store.change((tx) => {
      const loan = this.deps.visibleOpen(caller, id);
      if (loan.returning) {
        if (inFlight.isRunning(loan.returning.operationId)) throw new ReturnInProgress(id);
        // A return left pending (its check-in's outcome unknown): carry on with the same operation.
        operationId = loan.returning.operationId;
        inFlight.begin(operationId);
        return loan;
      }
      inFlight.begin(operationId);
      const shelf = holds.hasWaiting(loan.bookId) ? 'on-hold-shelf' : 'available';
      const next: OpenLoan = { ...loan, returning: { operationId, shelf, at: new Date(this.deps.clock()).toISOString() } };
      tx.put('loans', id, next);
      return next;
    }).catch((error: unknown) => {
      inFlight.end(operationId);
      throw error;
    });
    try {
      try {
        await this.checkIn(loan, requestId);
      } catch (error) {
        if (!isRefusal(error)) throw pendingProblem(loan, error);
        await this.abandon(loan);
        throw error;
      }
      return await this.finish(loan);
    } finally {
      inFlight.end(operationId);
    }
  }

  /** Upkeep: carries on a pending return; gives it up only if inventory refuses it (4xx). */
  async resume(loan: OpenLoan): Promise<void> {
    const { inFlight } = this.deps;
    if (inFlight.returnOf(loan.id)) return; // a retried return request is on it
    return inFlight.returning(loan.id, () => this.resumeReturn(loan));
  }

  private async resumeReturn(loan: OpenLoan): Promise<void> {
    const { inFlight, store } = this.deps;
    const operationId = loan.returning!.operationId;
    if (inFlight.isRunning(operationId)) return; // a retried return request is on it
    // Upkeep's list may be stale: the return may have been finished or given up meanwhile.
    if (store.get('loans', loan.id)?.returning?.operationId !== operationId) return;
    inFlight.begin(operationId);
    try {
      try {
        await this.checkIn(loan);
      } catch (error) {
        if (isRefusal(error)) {
          this.deps.log({ level: 'error', msg: `loan ${loan.id}: inventory refused the check-in (${(error as Error).message}); the loan stays active` });
          await this.abandon(loan);
        }
        return; // outcome unknown: tried again, same operation id, on the next round
      }
      await this.finish(loan);
    } finally {
      inFlight.end(operationId);
    }
  }

  private async checkIn(loan: OpenLoan, requestId?: string): Promise<void> {
    const { inventory } = this.deps;
    const { operationId, shelf } = loan.returning!;
    // Its history row is written only once the check-in succeeded: a crash (or a store that
    // failed) between that row and the loan's close leaves nothing to ask inventory.
    if (this.deps.history.has(loan.id)) return;
    // A take still unconfirmed (its confirmation still running, or being retried) is
    // confirmed first, so that inventory cannot release it behind the check-in's back.
    await this.deps.inFlight.confirmationOf(loan.id);
    const current = this.deps.store.get('loans', loan.id);
    // Voided meanwhile: inventory had let the take expire and the copy go (borrow.ts).
    if (!current) throw new NotFound(`loan ${loan.id} is void: inventory released its copy before the loan was confirmed`, 'loan-void');
    if (!current.confirmed) await inventory.confirmCopy(loan.operationId, requestId);
    await inventory.checkinCopy(operationId, loan.barcode, shelf, requestId);
  }

  /** The check-in did not happen: the loan is as it was before the return began. */
  private async abandon(loan: OpenLoan): Promise<void> {
    await this.deps.store.change((tx) => {
      const current = tx.get('loans', loan.id);
      if (current?.returning?.operationId !== loan.returning!.operationId) return;
      const { returning: _dropped, ...rest } = current;
      tx.put('loans', loan.id, rest);
    });
  }

  private async finish(loan: OpenLoan): Promise<ClosedLoan> {
    const { store, history, holds, log } = this.deps;
    let closing = null as ClosedLoan | null;
    const written = store.change((tx) => {
      const current = tx.get('loans', loan.id);
      if (!current?.returning) return { closed: store.get('returned', loan.id) ?? history.read(idNumber(loan.id))!, reshelve: null };
      const result = this.close(tx, current);
      closing = result.closed;
      return result;
    });
    // change() ran its function already: the row goes out beside the close, unless an earlier
    // attempt wrote it (it crashed, or its store write failed, after the row was on disk).
    const logging = closing && !history.has(closing.id) ? this.appendRow(closing) : Promise.resolve(true);
    // Either way this attempt ends only once the row is settled, so the next one sees it.
    const { closed, reshelve } = await written.finally(() => logging);
    if (reshelve) void holds.reshelve(reshelve);
    if (!closing) return closed;
    loanCounters.returns.inc();
    // In the history now: the store need not keep it (memory holds open loans only). If the
    // row failed, the return stands; the row is appended at the next start (upkeep.fillHistory).
    if (await logging) this.logged.add(closed.id, true);
    else log({ level: 'error', msg: `loan ${closed.id}: not in ${history.file} yet; it is appended at the next start` });
    return closed;
  }

  /** Closes the open loan `current` in `tx`: charges its fine and passes its copy on to a waiting hold. */
  private close(tx: Tx<LoansSchema>, current: OpenLoan): { closed: ClosedLoan; reshelve: Reshelve | null } {
    const { history, holds, fines, policy } = this.deps;
    const returning = current.returning!;
    // Its row may be in the history already (see finish): the store then agrees with the row.
    const logged = history.has(current.id) ? history.read(idNumber(current.id)) : undefined;
    const returnedAt = logged?.returnedAt ?? returning.at;
    const fine = logged?.fine ?? fineFor(policy, current.dueAt, returnedAt);
    const { id, bookId, barcode, username, borrowedAt, dueAt, renewals } = current;
    const closed: ClosedLoan = { id, bookId, barcode, username, borrowedAt, dueAt, renewals, returnedAt, fine };
    tx.remove('loans', id);
    tx.put('returned', id, closed);
    fines.charge(tx, username, fine, returnedAt);
    const reshelve = returning.shelf === 'on-hold-shelf' ? holds.assign(tx, bookId, barcode, this.deps.clock()) : null;
    return { closed, reshelve };
  }

  private async forget(ids: string[]): Promise<void> {
    await this.deps.store
      .change((tx) => {
        for (const id of ids) if (tx.get('returned', id)) tx.remove('returned', id);
      })
      .catch(() => {}); // they stay until the next start, which drops them
  }

  /** Appends `closed` to the history; false (logged) if that failed. */
  private appendRow(closed: ClosedLoan): Promise<boolean> {
    const { history, log } = this.deps;
    return history.append([closed]).then(
      () => true,
      (error: unknown) => {
        log({ level: 'error', msg: `loan ${closed.id}: appending to ${history.file} failed: ${(error as Error).message}` });
        return false;
      },
    );
  }
}

function pendingProblem(loan: OpenLoan, error: unknown): ServiceUnavailable {
  const why = error instanceof Error ? error.message : String(error);
  return new ServiceUnavailable(
    'inventory',
    `${why}; the return of loan ${loan.id} is recorded as pending and will be finished once inventory answers (retrying the return finishes it too)`,
  );
}
