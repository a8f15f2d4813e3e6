// Every live slot in title order, and each slot's position in it (its rank). Answers are
// ranked by position, so a page of thousands of matches needs no string comparisons.

/**
 * A length for an array per slot that must hold `atLeast`: an eighth more, so adding
 * books reallocates it now and then, not on every one, without the half-empty second
 * half a doubling leaves at 100,000 books (0.4 MiB an array).
 */
export function withRoom(atLeast: number): number {
  return Math.max(1024, atLeast + (atLeast >> 3));
}

export function growInt32(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(withRoom(atLeast));
  grown.set(array);
  return grown;
}

/** Told of every move, e.g. to keep counts per range of positions (short-query-index.ts). */
export interface OrderListener {
  /** Counts the order as it is, from scratch, as steps (shared/slice.ts). */
  rebuildSteps(): Generator<void, void, undefined>;
  inserted(at: number): void;
  removed(at: number, slot: number): void;
}

/** Slots sorted alone by addAllSteps() before merging: a step of about half a millisecond. */
const RUN = 1024;

export class TitleOrder {
  /** Slots, in title order. */
  readonly slots: number[] = [];
  private ranks: Int32Array<ArrayBuffer> = new Int32Array(0);
  private stale = true;
  private listener: OrderListener | null = null;

  /** `compare` orders two slots; it must never call them equal unless they are the same. */
  constructor(private readonly compare: (a: number, b: number) => number) {}

  /** Counts the order into `listener` (its rebuild, as steps), then tells it of every move. */
  *listenSteps(listener: OrderListener): Generator<void, void, undefined> {
    yield* listener.rebuildSteps();
    this.listener = listener;
  }

  /**
   * Puts many slots in at once (start-up, before anyone listens), as steps of about half a
   * millisecond: a merge sort, each run of RUN slots sorted alone, then the runs merged in
   * pairs, instead of one sort of them all that holds the loop for 100 ms at 100,000 books.
   */
  *addAllSteps(slots: readonly number[]): Generator<void, void, undefined> {
    const { compare } = this;
    const n = slots.length;
    let from = Int32Array.from(slots);
    let to = new Int32Array(n);
    for (let at = 0; at < n; at += RUN) {
      from.subarray(at, Math.min(at + RUN, n)).sort(compare);
      yield;
    }
    for (let width = RUN; width < n; width *= 2) {
      for (let lo = 0; lo < n; lo += 2 * width) {
        const mid = Math.min(lo + width, n);
        const hi = Math.min(lo + 2 * width, n);
        let i = lo;
        let j = mid;
        let k = lo;
        while (i < mid && j < hi) {
          to[k++] = compare(from[i], from[j]) < 0 ? from[i++] : from[j++];
          if (k % RUN === 0) yield;
        }
        while (i < mid) to[k++] = from[i++];
        while (j < hi) to[k++] = from[j++];
      }
      [from, to] = [to, from];
      yield;
    }
    for (let i = 0; i < n; i++) this.slots.push(from[i]);
    this.stale = true;
  }

  /** A splice moves each later slot once: well under a millisecond at 100k books. */
  add(slot: number): void {
    const [at] = this.position(slot);
    this.slots.splice(at, 0, slot);
    this.stale = true;
    this.listener?.inserted(at);
  }

  /** Call while the slot still compares as it did when added. */
  remove(slot: number): void {
    const [at, found] = this.position(slot);
    if (found) {
      this.slots.splice(at, 1);
      this.listener?.removed(at, slot);
    }
    this.stale = true;
  }

  /** rank[slot] = position of slot; recomputed after writes, once, on the next read. */
  rank(): Int32Array<ArrayBuffer> {
    if (this.stale) {
      const top = this.slots.reduce((max, slot) => Math.max(max, slot), -1);
      if (this.ranks.length <= top) this.ranks = growInt32(this.ranks, top + 1);
      this.slots.forEach((slot, at) => (this.ranks[slot] = at));
      this.stale = false;
    }
    return this.ranks;
  }

  private position(slot: number): [number, boolean] {
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.slots[mid] !== slot && this.compare(this.slots[mid], slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    return [lo, this.slots[lo] === slot];
  }
}
