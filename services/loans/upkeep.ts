// What keeps loans and inventory in agreement when a call failed or the process died
// between two steps. At start-up (before listening) and then every few seconds:
//   - an intent with no loan (crash between take and record) → release the take, drop it;
//   - a loan whose take is unconfirmed → confirm it;
//   - a return interrupted after it began → check the copy in again (idempotent), close it;
//   - a copy left on the hold shelf for nobody → put it back on the open shelf.
// And every second or so, ready holds whose pickup window has passed go to the next in line.
import type { LogFn } from '../shared/http/request-log.js';
import type { Clock } from '../shared/clock.js';
import { RetryRound } from '../shared/retry-round.js';
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
  private readonly retries: RetryRound;
  private readonly sweeps: RetryRound;

  constructor(private readonly deps: UpkeepDeps) {
    this.retries = new RetryRound({ name: 'loans upkeep round', everyMs: deps.retryMs, run: () => this.retryRound(), log: deps.log });
    this.sweeps = new RetryRound({ name: 'hold sweep', everyMs: deps.sweepMs, run: () => deps.holds.sweep(deps.clock()), log: deps.log });
  }

  /** Start-up repair: what the last process left half done, and history rows it missed. */
  async repair(): Promise<void> {
    await this.fillHistory();
    await this.retry();
  }

  start(): void {
    this.retries.start();
    this.sweeps.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.retries.stop(), this.sweeps.stop()]);
  }

  /** One round of retries now (or the one in flight: rounds never overlap). */
  retry(): Promise<void> {
    return this.retries.runNow();
  }

  /** Ready holds whose pickup window has passed, now. */
  sweep(): Promise<void> {
    return this.sweeps.runNow();
  }

  private async retryRound(): Promise<void> {
    // A failure ends the round; RetryRound logs it and the next round tries again.
    const { store, index, loans, holds, inFlight } = this.deps;
    const idle = (operationId: string) => !inFlight.isRunning(operationId);
    for (const intent of [...store.values('intents')]) {
      if (idle(intent.operationId)) await loans.undoBorrow(intent.operationId);
    }
    // Confirmations are not awaited one by one: they go out together, a hundred to a call.
    const confirming: Promise<void>[] = [];
    for (const loan of index.unsettled()) {
      if (!idle(loan.operationId)) continue;
      if (loan.returning) {
        if (idle(loan.returning.operationId)) await loans.resumeReturn(loan);
      } else if (!loan.confirmed) confirming.push(loans.confirmBorrow(loan));
    }
    await Promise.all(confirming);
    await Promise.all(holds.pendingReshelves().map((task) => holds.reshelve(task)));
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
