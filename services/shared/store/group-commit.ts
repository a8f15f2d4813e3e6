// Group commit: many callers append at once, one write + one fsync serves them all,
// and each caller's promise settles only after the bytes it gave are on disk.

import { FlushTimes, reportFlush, type StoreStats } from './registry.js';

export type FlushFn = (chunk: string) => Promise<void>;

interface Pending {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  readonly times = new FlushTimes();

  /** `flush` writes and fsyncs one chunk; `afterFlush` may do slow upkeep (compaction) between batches. */
  constructor(
    private readonly flush: FlushFn,
    private readonly afterFlush: () => Promise<void> = async () => {},
    private readonly label: { file: string; kind: StoreStats['kind'] } = { file: '?', kind: 'journal' },
  ) {}

  append(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  /** Resolves once everything appended so far is on disk (or has failed). */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const chunk = batch.map((p) => p.text).join('');
      const started = performance.now();
      try {
        await this.flush(chunk);
        this.timed(started, chunk, true);
        for (const p of batch) p.resolve();
      } catch (error) {
        this.timed(started, chunk, false);
        for (const p of batch) p.reject(error);
      }
      try {
        await this.afterFlush();
      } catch {
        // upkeep failing must not lose acknowledged data; it is retried after the next batch
      }
    }
    this.running = false;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private timed(started: number, chunk: string, ok: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    this.times.add(seconds);
    reportFlush({ ...this.label, seconds, bytes: Buffer.byteLength(chunk), ok });
  }
}
