// Group commit: many callers append at once, one durable write serves them all,
// and each caller's promise settles only after the bytes it gave are on disk.
//
// A failed flush breaks the commit: that batch and everything queued behind it is
// rejected (each entry's `undo` runs first, newest first, so memory forgets what the disk
// does not hold), and every later append is refused with the same cause until `repair`
// has put the file back at its last good length and proved it can write again. Nothing is
// ever written, let alone acknowledged, on top of a failed append's partial bytes.
import { FlushTimes, reportFlush, type StoreStats } from './registry.js';
import { StorageUnavailable } from './storage-unavailable.js';

export interface Sink {
  file: string;
  kind: StoreStats['kind'];
  /** Appends `chunk`, durably (O_DSYNC); may leave partial bytes behind when it throws. */
  write(chunk: string): Promise<void>;
  /** After a failure: truncate back to the last good length, fsync, and check space; throws while it cannot. */
  repair(): Promise<void>;
}

interface Pending {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
  undo?: () => void;
}


const REPAIR_EVERY_MS = 500;

export class GroupCommit {
  private queue: Pending[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  private repairTimer: NodeJS.Timeout | null = null;
  /** The repair running now (it writes a probe file beside the journal), and whether the commit is stopped. */
  private repairing: Promise<void> | null = null;
  private stopped = false;
  broken: StorageUnavailable | null = null;
  readonly times = new FlushTimes();

  /** `afterFlush` may do slow upkeep (compaction) between batches. */
  constructor(
    private readonly sink: Sink,
    private readonly afterFlush: () => Promise<void> = async () => {},
  ) {}

  /** Queues `text`; `undo` reverts the caller's in-memory change if the text never reaches the disk. */
  append(text: string, undo?: () => void): Promise<void> {
    if (this.broken) {
      undo?.();
      return Promise.reject(this.broken);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject, undo });
      if (!this.running) void this.run();
    });
  }

  /** Resolves once everything appended so far is on disk (or has failed). */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * The store is closing: no repair starts from now, and one running is waited for, so that
   * nothing touches the folder once its file is closed (a probe file written after close was
   * left in a folder being removed).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.repairTimer = null;
    await this.repairing;
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.broken) {
      const batch = this.queue;
      this.queue = [];
      const chunk = batch.map((p) => p.text).join('');
      const started = performance.now();
      try {
        await this.sink.write(chunk);
        this.timed(started, chunk, true);
        for (const p of batch) p.resolve();
      } catch (error) {
        this.timed(started, chunk, false);
        this.fail(batch, error as NodeJS.ErrnoException);
        break;
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

  private fail(batch: Pending[], error: NodeJS.ErrnoException): void {
    this.broken = new StorageUnavailable(this.sink.file, error);
    const lost = [...batch, ...this.queue.splice(0)];
    for (let i = lost.length - 1; i >= 0; i--) lost[i].undo?.();
    for (const p of lost) p.reject(this.broken);
    this.scheduleRepair(0);
  }

  private scheduleRepair(delay: number): void {
    if (this.stopped) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      this.repairing = this.tryRepair().finally(() => (this.repairing = null));
    }, delay);
    this.repairTimer.unref(); // a broken store must not keep a stopping process alive
  }

  private async tryRepair(): Promise<void> {
    try {
      await this.sink.repair();
      this.broken = null;
    } catch {
      this.scheduleRepair(REPAIR_EVERY_MS);
    }
  }

  private timed(started: number, chunk: string, ok: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    this.times.add(seconds);
    reportFlush({ file: this.sink.file, kind: this.sink.kind, seconds, bytes: Buffer.byteLength(chunk), ok });
  }
}
