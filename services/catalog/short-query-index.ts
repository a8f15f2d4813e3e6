// Queries of one or two characters ("a", "go") have no trigram to narrow them, and match
// most of the catalog, so a scan would check every book per request. Instead the title
// order is cut into blocks of BLOCK positions, and for each one- and two-character string
// ("gram") the index counts, per block, the books whose title contains it and the books
// whose authors contain it but whose title does not. A page of such a query then skips
// whole blocks by their counts and checks only the books of the block(s) the page falls
// in: about BLOCK `includes` calls and one pass over the block counts, whatever the
// offset. Totals are kept per gram. The answer is exactly the scan's: title matches in
// title order, then author matches in title order (one or two digits are never an ISBN
// query, see isbnNeedle, so the ISBN plays no part here).
//
// Writes keep the counts: an insert at position p moves one book across each later block
// boundary, so it costs (books after p) / BLOCK gram updates of one book each.

/** Positions per block: ~100 blocks at 100,000 books; a page checks at most a few blocks. */
const SHIFT = 10;
const BLOCK = 1 << SHIFT;

/** Positions rebuildSteps() counts between two yields: about half a millisecond. */
const STEP = 256;

export interface ShortPage {
  slots: number[];
  total: number;
}

/**
 * A gram as a number: below DENSE when both characters are ASCII (the usual case, looked
 * up in a plain array, several times cheaper than a Map at start-up), above it otherwise.
 */
const DENSE = 128 + 128 * 128;
function gramKey(text: string, at: number, length: 1 | 2): number {
  const a = text.charCodeAt(at);
  if (length === 1) return a < 128 ? a : DENSE + a;
  const b = text.charCodeAt(at + 1);
  return (a | b) < 128 ? 128 + a * 128 + b : DENSE + 65536 + a * 65536 + b;
}

/** gramKey() of the two characters `a`, `b`. */
function pairKey(a: number, b: number): number {
  return (a | b) < 128 ? 128 + a * 128 + b : DENSE + 65536 + a * 65536 + b;
}

export class ShortQueryIndex {
  /** Gram → its number (-1: none yet); grams with a non-ASCII character in `sparse`. */
  private readonly idOf = new Int32Array(DENSE).fill(-1);
  private readonly sparse = new Map<number, number>();
  private grams = 0;
  /**
   * Per block, one row of per-gram counts: block b's count of gram g is at [b * capacity + g].
   * Rows by block, not by gram: counting a book touches many grams of one block, which then
   * sit a few kilobytes apart, not a row of every block apart (start-up counts 10 million).
   */
  private title = new Int32Array(0);
  private other = new Int32Array(0);
  private titleTotal = new Int32Array(0);
  private otherTotal = new Int32Array(0);
  /** The visit in which each gram was last counted for a book's title / authors. */
  private titleMark = new Int32Array(0);
  private otherMark = new Int32Array(0);
  private blocks = 16;
  /** Grams each row has room for. */
  private capacity = 0;
  private visit = 0;

  /**
   * `order`: the slots in title order (read, never changed here); `titles` and `authors`:
   * each slot's folded texts, as the search compares them.
   */
  constructor(
    private readonly order: readonly number[],
    private readonly titles: readonly string[],
    private readonly authors: readonly string[],
  ) {}

  /** Whether `q` (folded) is a query this index answers. */
  static covers(q: string): boolean {
    return q.length === 1 || q.length === 2;
  }

  /** Counts every position from scratch (start-up, after the title order is built), as steps of STEP positions. */
  *rebuildSteps(): Generator<void, void, undefined> {
    this.idOf.fill(-1);
    this.sparse.clear();
    this.grams = 0;
    this.blocks = Math.max(16, (this.order.length >> SHIFT) + 1);
    this.capacity = 0;
    this.title = this.other = this.titleTotal = this.otherTotal = this.titleMark = this.otherMark = new Int32Array(0);
    this.resize(1024);
    for (let p = 0; p < this.order.length; p++) {
      this.count(this.order[p], p >> SHIFT, 1);
      if (p % STEP === STEP - 1) yield;
    }
  }

  /** The title order has just gained a slot at `at`. */
  inserted(at: number): void {
    const n = this.order.length;
    this.count(this.order[at], at >> SHIFT, 1);
    // Each later block hands its last book on to the next one.
    for (let b = at >> SHIFT; (b + 1) * BLOCK < n; b++) {
      const moved = this.order[(b + 1) * BLOCK];
      this.count(moved, b, -1);
      this.count(moved, b + 1, 1);
    }
  }

  /** The title order has just lost `slot` from `at`; its texts must still be the ones it was counted with. */
  removed(at: number, slot: number): void {
    const n = this.order.length;
    this.count(slot, at >> SHIFT, -1);
    // Each later block takes the first book of the next one.
    for (let b = at >> SHIFT; (b + 1) * BLOCK - 1 < n; b++) {
      const moved = this.order[(b + 1) * BLOCK - 1];
      this.count(moved, b + 1, -1);
      this.count(moved, b, 1);
    }
  }

  /** The page of the answer to `q` (folded, one or two characters) from `offset`, as slots. */
  page(q: string, offset: number, limit: number): ShortPage {
    const key = gramKey(q, 0, q.length as 1 | 2);
    const g = key < DENSE ? this.idOf[key] : (this.sparse.get(key) ?? -1);
    if (g === -1) return { slots: [], total: 0 };
    const { titles, authors } = this;
    const inTitles = this.titleTotal[g];
    const slots: number[] = [];
    if (offset < inTitles) this.collect(this.title, g, (slot) => titles[slot].includes(q), offset, limit, slots);
    const skip = Math.max(0, offset - inTitles);
    if (slots.length < limit && skip < this.otherTotal[g]) {
      this.collect(this.other, g, (slot) => !titles[slot].includes(q) && authors[slot].includes(q), skip, limit - slots.length, slots);
    }
    return { slots, total: inTitles + this.otherTotal[g] };
  }

  /** Appends up to `want` matching slots after skipping `skip` matches, block by block. */
  private collect(counts: Int32Array, g: number, matches: (slot: number) => boolean, skip: number, want: number, out: number[]): void {
    const { order, blocks, capacity } = this;
    for (let b = 0; b < blocks && want > 0; b++) {
      const inBlock = counts[b * capacity + g];
      if (skip >= inBlock) {
        skip -= inBlock;
        continue;
      }
      const end = Math.min(order.length, (b + 1) * BLOCK);
      for (let p = b * BLOCK; p < end && want > 0; p++) {
        const slot = order[p];
        if (!matches(slot)) continue;
        if (skip > 0) skip--;
        else {
          out.push(slot);
          want--;
        }
      }
    }
  }

  /** Adds `delta` to block `block` of every gram of the slot's title, and of its authors not in its title. */
  private count(slot: number, block: number, delta: number): void {
    if (block >= this.blocks) this.reshape(block + 1);
    const mark = ++this.visit;
    const title = this.titles[slot];
    for (let i = 0, b = title.charCodeAt(0); i < title.length; i++) {
      const a = b;
      this.countTitle(a < 128 ? a : DENSE + a, block, delta, mark);
      if (i + 1 === title.length) break;
      b = title.charCodeAt(i + 1);
      this.countTitle(pairKey(a, b), block, delta, mark);
    }
    const names = this.authors[slot];
    for (let i = 0, b = names.charCodeAt(0); i < names.length; i++) {
      const a = b;
      this.countOther(a < 128 ? a : DENSE + a, block, delta, mark);
      if (i + 1 === names.length) break;
      b = names.charCodeAt(i + 1);
      this.countOther(pairKey(a, b), block, delta, mark);
    }
  }

  private countTitle(key: number, block: number, delta: number, mark: number): void {
    const g = this.gram(key);
    if (this.titleMark[g] === mark) return;
    this.titleMark[g] = mark;
    this.title[block * this.capacity + g] += delta;
    this.titleTotal[g] += delta;
  }

  private countOther(key: number, block: number, delta: number, mark: number): void {
    const g = this.gram(key);
    if (this.titleMark[g] === mark || this.otherMark[g] === mark) return;
    this.otherMark[g] = mark;
    this.other[block * this.capacity + g] += delta;
    this.otherTotal[g] += delta;
  }

  /** The gram's number, given one on first sight. */
  private gram(key: number): number {
    let g = key < DENSE ? this.idOf[key] : (this.sparse.get(key) ?? -1);
    if (g !== -1) return g;
    g = this.grams++;
    if (g >= this.titleTotal.length) this.resize(g * 2);
    if (key < DENSE) this.idOf[key] = g;
    else this.sparse.set(key, g);
    return g;
  }

  /** Room for `capacity` grams, keeping the counts. */
  private resize(capacity: number): void {
    const grown = (old: Int32Array, length: number) => {
      const array = new Int32Array(length);
      array.set(old.subarray(0, Math.min(old.length, length)));
      return array;
    };
    const kept = Math.min(this.capacity, capacity);
    const relaid = (old: Int32Array) => {
      const array = new Int32Array(capacity * this.blocks);
      for (let b = 0; b < this.blocks; b++) array.set(old.subarray(b * this.capacity, b * this.capacity + kept), b * capacity);
      return array;
    };
    this.title = relaid(this.title);
    this.other = relaid(this.other);
    this.capacity = capacity;
    this.titleTotal = grown(this.titleTotal, capacity);
    this.otherTotal = grown(this.otherTotal, capacity);
    this.titleMark = grown(this.titleMark, capacity);
    this.otherMark = grown(this.otherMark, capacity);
  }

  /** Rows for at least `blocks` blocks (the catalog has grown past the last one). */
  private reshape(blocks: number): void {
    const wider = Math.max(blocks, this.blocks * 2);
    const widen = (old: Int32Array) => {
      const array = new Int32Array(this.capacity * wider);
      array.set(old);
      return array;
    };
    this.title = widen(this.title);
    this.other = widen(this.other);
    this.blocks = wider;
  }
}
