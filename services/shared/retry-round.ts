// The one background repair loop of every service (orders' reconciler, loans' upkeep,
// inventory's sweeper, availability's schedule): a named round of work, run every
// `everyMs` and on demand, never two at once. A round that fails is logged and the next
// one runs as usual: repair is retried, never fatal to the process.
import type { LogFn } from './http/request-log.js';

export interface RetryRoundOptions {
  /** Names the round in the log: "<name> failed: …". */
  name: string;
  /** Pause between the end of one round and the start of the next, in milliseconds. */
  everyMs: number;
  /** One round of work; a rejection is logged, never thrown. */
  run: () => Promise<unknown>;
  log: LogFn;
}

export class RetryRound {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private running = false;
  private stopped = false;

  constructor(private readonly options: RetryRoundOptions) {
    if (!(options.everyMs > 0)) throw new Error(`${options.name}: the pause between rounds must be positive, got ${options.everyMs}`);
  }

  /** Schedules rounds every `everyMs`; the first one runs after one pause (call runNow() for one at once). */
  start(): void {
    if (this.stopped || this.running) return;
    this.running = true;
    this.schedule();
  }

  /**
   * Runs a round now, or joins the one in flight (so rounds never overlap). Resolves when
   * that round is over, whether it succeeded or not.
   */
  runNow(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.stopped) return Promise.resolve();
    // new Promise(...) so that a run() that throws before its first await is caught too.
    this.inFlight = new Promise<unknown>((resolve) => resolve(this.options.run()))
      .then(
        () => undefined,
        (error: unknown) => this.options.log({ level: 'error', msg: `${this.options.name} failed: ${error instanceof Error ? error.message : String(error)}` }),
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** No further rounds; resolves once the round in flight, if any, is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow().then(() => this.schedule());
    }, this.options.everyMs);
    // A pending repair never keeps the process alive by itself.
    this.timer.unref();
  }
}
