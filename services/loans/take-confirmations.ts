// Confirming the takes of recorded loans at inventory: step 4 of a borrow (borrow.ts), and
// upkeep's retries of those that failed. The takes of the loans recorded meanwhile go
// together, one POST /internal/copies/confirm-many out at a time (shared/next-batch.ts), as
// orders confirms its stock takes. A loan whose take inventory let go (it expired while loans
// could not reach inventory, and the copy moved on) is void; any other failure is logged and
// left for upkeep, which tries again.
import { CONFIRM_MANY_MAX, type Confirmation, type CopyTake } from '../contracts/inventory.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import type { LogFn } from '../shared/http/request-log.js';
import { NextBatch } from '../shared/next-batch.js';
import { Problem } from '../shared/problem.js';
import type { LoansStore, OpenLoan } from './store.js';

export interface TakeConfirmationDeps {
  store: LoansStore;
  inventory: InventoryClient;
  log: LogFn;
}

/** A recorded loan whose take waits for the next confirm-many call. */
interface ToConfirm {
  loan: OpenLoan;
  requestId?: string;
  /** See confirm(). */
  answered: () => void;
}

/** Inventory's answers that mean the take is gone: there is no loan. */
const GONE = ['take-expired', 'take-released'];

export class TakeConfirmations {
  /** By loan id: one call out at a time, the next carrying those queued meanwhile. */
  private readonly queued = new NextBatch<string, ToConfirm>((batch) => this.send([...batch.values()]), CONFIRM_MANY_MAX);

  constructor(private readonly deps: TakeConfirmationDeps) {}

  /**
   * Confirms a recorded loan's take in the next confirm-many call; settles once that call and
   * what follows from it are done, and never fails: a failure is logged and left for upkeep.
   * `answered` is called once inventory has answered and memory says so (the loan confirmed
   * or voided), before that change is durable (see InFlight.confirming).
   */
  async confirm(loan: OpenLoan, requestId?: string, answered: () => void = () => {}): Promise<void> {
    this.queued.add(loan.id, { loan, requestId, answered });
    await this.queued.idle();
  }

  /** One call for the takes of `items`; the first one's request id goes with it. */
  private async send(items: ToConfirm[]): Promise<void> {
    const { store, inventory, log } = this.deps;
    const requestId = items[0]!.requestId;
    let results: (Confirmation<CopyTake> | undefined)[];
    try {
      results = await inventory.confirmCopies(items.map((item) => item.loan.operationId), requestId);
    } catch (error) {
      const loans = items.map((item) => item.loan.id).join(', ');
      log({ level: 'warn', requestId, msg: `confirming the takes of loans ${loans} failed, will retry: ${(error as Error).message}` });
      return;
    }
    const confirmed: ToConfirm[] = [];
    const voided: Promise<void>[] = [];
    items.forEach((item, i) => {
      const result = results[i];
      if (result && 'take' in result) return void confirmed.push(item);
      const problem = result ? Problem.fromBody(result.problem) : null;
      if (problem && GONE.includes(problem.code)) {
        voided.push(this.voidLoan(item.loan));
        return item.answered();
      }
      log({ level: 'warn', requestId: item.requestId, msg: `loan ${item.loan.id}: confirming the take failed, will retry: ${problem?.message ?? 'inventory gave no answer for it'}` });
    });
    const flagged = confirmed.length === 0 ? Promise.resolve() : store.change((tx) => {
      for (const { loan } of confirmed) {
        const current = tx.get('loans', loan.id);
        if (current && !current.confirmed) tx.put('loans', loan.id, { ...current, confirmed: true });
      }
    });
    for (const item of confirmed) item.answered();
    for (const outcome of await Promise.allSettled([flagged, ...voided])) {
      if (outcome.status === 'rejected') log({ level: 'warn', requestId, msg: `after confirming the takes of ${items.length} loan(s): ${(outcome.reason as Error).message}; upkeep carries on` });
    }
  }

  /** Inventory gave the copy to someone else after our take expired: there is no loan. */
  private async voidLoan(loan: OpenLoan): Promise<void> {
    this.deps.log({ level: 'error', msg: `loan ${loan.id}: inventory says take ${loan.operationId} expired and the copy is gone; the loan is void` });
    await this.deps.store.change((tx) => tx.remove('loans', loan.id));
  }
}
