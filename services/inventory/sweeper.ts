// The background timer: releases takes nobody confirmed in time (a caller that crashed
// between its take and its confirm), and prunes settled takes and check-ins once their
// retention has passed so that memory and the snapshot do not grow without bound.
import type { LogFn } from '../shared/http/request-log.js';
import { RetryRound } from '../shared/retry-round.js';
import type { InventoryContext } from './context.js';
import type { CopyTakes } from './copy-takes.js';
import type { StockTakes } from './stock-takes.js';

/** Records deleted per prune change, so one sweep never makes a huge journal line. */
const PRUNE_BATCH = 2000;

export interface SweeperOptions {
  everyMs: number;
  /** How long settled takes and check-ins are kept, for retries that come late. */
  retentionMs: number;
  log: LogFn;
}

export class Sweeper {
  private readonly round: RetryRound;

  constructor(
    private readonly ctx: InventoryContext,
    private readonly copies: CopyTakes,
    private readonly stock: StockTakes,
    private readonly options: SweeperOptions,
  ) {
    this.round = new RetryRound({ name: 'inventory sweep', everyMs: options.everyMs, log: options.log, run: () => this.sweep() });
  }

  start(): void {
    this.round.start();
  }

  /** Stops the timer and waits for a sweep under way to finish. */
  stop(): Promise<void> {
    return this.round.stop();
  }

  /** One pass; returns how many takes it released and how many records it pruned. */
  async sweep(): Promise<{ expired: number; pruned: number }> {
    const expired = (await this.copies.expireDue()) + (await this.stock.expireDue());
    const pruned = await this.prune();
    if (expired > 0) this.options.log({ level: 'info', msg: `released ${expired} take(s) not confirmed in time` });
    return { expired, pruned };
  }

  private async prune(): Promise<number> {
    const cutoff = this.ctx.now() - this.options.retentionMs;
    let pruned = 0;
    for (;;) {
      const entries = this.ctx.takes.takePrunable(cutoff, PRUNE_BATCH);
      if (entries.length === 0) return pruned;
      pruned += await this.ctx.store.change((tx) => {
        let removed = 0;
        for (const { kind, id, settledAt } of entries) {
          const record = tx.get(kind, id);
          // Only the record as it was when queued: one settled again later has a newer entry.
          if (!record || record.settledAt !== settledAt || ('state' in record && record.state === 'taken')) continue;
          tx.remove(kind, id);
          removed++;
        }
        return removed;
      });
    }
  }
}
