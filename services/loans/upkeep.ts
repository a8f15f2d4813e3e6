// What keeps loans and inventory in agreement when a call failed or the process died
// between two steps. At start-up (before listening) and then every few seconds:
//   - an intent with no loan (crash between take and record) → release the take, drop it;
//   - a loan whose take is unconfirmed → confirm it;
//   - a return interrupted after it began → check the copy in again (idempotent), close it;
//   - a copy left on the hold shelf for nobody → put it back on the open shelf.
// And every second or so, ready holds whose pickup window has passed go to the next in line.
import type { LogFn } from '../shared/http/request-log.js';
import type { Clock } from '../shared/clock.js';
import type { HoldService } from './holds.js';
import type { InFlight } from './in-flight.js';
import type { LoanIndex } from './loan-index.js';
import type { LoanService } from './service.js';
import type { LoanHistory } from './history.js';
import type { LoansStore } from './store.js';

export interface UpkeepDeps {
  store: LoansStore;
  history: LoanHistory;
  loans: LoanService;
  holds: HoldService;
  inFlight: InFlight;
  index: LoanIndex;
  clock: Clock;
  log: LogFn;
  retryMs: number;
  sweepMs: number;
}

export class Upkeep {
  private timers: NodeJS.Timeout[] = [];
  private retrying: Promise<void> | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(private readonly deps: UpkeepDeps) {}

  /** Start-up repair: what the last process left half done, and history rows it missed. */
  async repair(): Promise<void> {
    await this.fillHistory();
    await this.retry();
  }

  start(): void {
    this.timers.push(setInterval(() => void this.retry(), this.deps.retryMs));
    this.timers.push(setInterval(() => void this.sweep(), this.deps.sweepMs));
    for (const timer of this.timers) timer.unref();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.all([this.retrying, this.sweeping]);
  }

  /** One round of retries; a round still running is not started twice. */
  retry(): Promise<void> {
    this.retrying ??= this.retryRound().finally(() => (this.retrying = null));
    return this.retrying;
  }

  sweep(): Promise<void> {
    this.sweeping ??= this.deps.holds
      .sweep(this.deps.clock())
      .catch((error: Error) => this.deps.log({ level: 'error', msg: `hold sweep failed: ${error.message}` }))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async retryRound(): Promise<void> {
    const { store, index, loans, holds, inFlight, log } = this.deps;
    const idle = (operationId: string) => !inFlight.isRunning(operationId);
    try {
      for (const intent of [...store.values('intents')]) {
        if (idle(intent.operationId)) await loans.undoBorrow(intent.operationId);
      }
      for (const loan of index.unsettled()) {
        if (!idle(loan.operationId)) continue;
        if (loan.returning) {
          if (idle(loan.returning.operationId)) await loans.resumeReturn(loan);
        } else if (!loan.confirmed) await loans.confirmBorrow(loan);
      }
      await Promise.all(holds.pendingReshelves().map((task) => holds.reshelve(task)));
    } catch (error) {
      log({ level: 'error', msg: `upkeep round failed: ${(error as Error).message}` });
    }
  }

  /**
   * Appends the returned loans loan_history.csv lacks (a crash fell between the two
   * writes), then drops from the store every closed loan the history has: memory keeps
   * open loans only. (Stores written before the history was indexed kept them all.)
   */
  private async fillHistory(): Promise<void> {
    const { store, history, log } = this.deps;
    const closed = [...store.values('returned')];
    if (closed.length === 0) return;
    const missing = closed.filter((loan) => !history.has(loan.id));
    if (missing.length > 0) {
      await history.append(missing);
      log({ level: 'info', msg: `appended ${missing.length} returned loan(s) missing from ${history.file}` });
    }
    await store.change((tx) => {
      for (const loan of closed) tx.remove('returned', loan.id);
    });
  }
}
