// Searches share the event loop with every other request. One search costs a few
// milliseconds at most, but a turn of the loop runs every request that arrived during the
// last one, and ten of them back to back held the loop for 90 ms. So searches run through
// this gate: within one turn they run at once until SLICE_MS has been spent on them; the
// rest wait, in arrival order, for the check phase of the same turn (setImmediate), which
// again runs them for SLICE_MS and leaves the remainder to the next turn. Timers and I/O
// run between the slices, so no request waits behind more than a slice of searches.
import { SLICE_MS } from '../shared/slice.js';

interface Waiting {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class SearchTurns {
  /** When searches started taking time in this turn, or -1 before the first one. */
  private turnStart = -1;
  private readonly queue: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly sliceMs = SLICE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `work` now, if this turn's slice has room and no one is waiting, else in a later slice. */
  run<T>(work: () => T): Promise<T> {
    if (this.queue.length === 0 && this.hasRoom()) return settle(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** How many searches wait for a later slice (for tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private hasRoom(): boolean {
    if (this.turnStart === -1) {
      this.turnStart = this.now();
      this.schedule(); // the check phase ends this turn's slice
    }
    return this.now() - this.turnStart < this.sliceMs;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  /** A new slice: the waiting searches, oldest first, until it is spent. */
  private slice(): void {
    this.scheduled = false;
    this.turnStart = this.now();
    while (this.queue.length > 0 && this.now() - this.turnStart < this.sliceMs) {
      const { work, resolve, reject } = this.queue.shift()!;
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    }
    if (this.queue.length > 0) this.schedule();
    else this.turnStart = -1; // the next turn's first search starts a fresh slice
  }
}

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}
