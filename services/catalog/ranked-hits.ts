// The answer to one query, as positions in the title order: title matches, then the
// rest. Recent answers are kept until the next write, because a catalog is read far more
// than it is changed and popular searches repeat. A first page of a new answer needs only
// the k smallest positions (a small heap, k = offset + limit up to SHALLOW); a deeper page,
// or any second use, sorts the answer once, in place, after which every page is a slice
// of `limit` entries, whatever its offset.
import { smallestK } from './top-k.js';

/** Pages ending within this many positions of the start are picked with a heap while the answer is unsorted. */
const SHALLOW = 256;

/** What a kept answer costs besides its positions: the Map entry, the objects, the view, the key. */
const ENTRY_BYTES = 320;

export class RankedHits {
  private uses = 0;

  /** `hits`: the title matches' positions, then the others'; `titles` of them are title matches. */
  constructor(
    private hits: Int32Array,
    private readonly titles: number,
    private sorted: boolean,
  ) {}

  get total(): number {
    return this.hits.length;
  }

  /** Points the answer at where the cache moved its positions. */
  movedTo(hits: Int32Array): void {
    this.hits = hits;
  }

  /** Positions in the title order of the answer's items from offset to offset + limit. */
  page(offset: number, limit: number): number[] {
    const { titles } = this;
    if (!this.sorted && (offset + limit > SHALLOW || ++this.uses > 1)) {
      this.hits.subarray(0, titles).sort();
      this.hits.subarray(titles).sort();
      this.sorted = true;
    }
    if (!this.sorted) {
      const need = offset + limit;
      const first = smallestK(this.hits.subarray(0, titles), need);
      return (first.length < need ? first.concat(smallestK(this.hits.subarray(titles), need - first.length)) : first).slice(offset);
    }
    return Array.from(this.hits.subarray(offset, offset + limit));
  }
}

interface Kept {
  hits: RankedHits;
  /** Where its positions are in the arena, and how many. */
  start: number;
  length: number;
}

/**
 * Recent answers, bounded in bytes, so that no mix of queries can grow the catalog's memory
 * past the budget. Their positions live in one arena, allocated once: an array per answer
 * would be memory outside V8's heap that only a full collection frees once the answer is
 * dropped, and under a mix of distinct queries tens of megabytes of dropped answers waited
 * for one (the catalog's RSS rose by 35 MiB with an 8 MiB cache).
 *
 * The arena is a ring: each answer is written after the last one, and the oldest answers
 * where the next one goes are dropped. An answer used again while it is in the older half
 * of the ring is moved to the front, so what is dropped is nearly always what was least
 * recently used.
 */
export class HitCache {
  /** In the arena's order from the oldest kept answer to the newest. */
  private readonly entries = new Map<string, Kept>();
  private arena = new Int32Array(0);
  private head = 0;
  /** Positions the arena holds: 7/8 of the budget; the entries' own bytes get the rest. */
  private readonly capacity: number;
  private readonly entryBudget: number;
  private entryBytes = 0;

  constructor(private readonly budgetBytes = DEFAULT_ANSWER_CACHE_BYTES) {
    this.capacity = Math.floor((budgetBytes * 7) / 8 / 4);
    this.entryBudget = budgetBytes - this.capacity * 4;
  }

  /** Bytes the kept answers take: their positions and entries (the arena itself is budgetBytes at most). */
  get bytes(): number {
    let positions = 0;
    for (const kept of this.entries.values()) positions += kept.length;
    return positions * 4 + this.entryBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): RankedHits | undefined {
    const kept = this.entries.get(key);
    if (!kept) return undefined;
    const ahead = (kept.start - this.head + this.capacity) % this.capacity;
    if (ahead < this.capacity / 2) this.moveToFront(key, kept);
    return kept.hits;
  }

  /**
   * Keeps the answer made of `titleHits` then `otherHits` (copied: they may be the caller's
   * scratch) and answers it. One answer may take a quarter of the arena at most: a huge one
   * must not flush all the others; it is answered, not kept.
   */
  put(key: string, titleHits: Int32Array, otherHits: Int32Array): RankedHits {
    const length = titleHits.length + otherHits.length;
    if (length > this.capacity / 4 || this.entries.has(key)) return new RankedHits(joined(titleHits, otherHits), titleHits.length, false);
    const start = this.reserve(length);
    this.arena.set(titleHits, start);
    this.arena.set(otherHits, start + titleHits.length);
    const hits = new RankedHits(this.arena.subarray(start, start + length), titleHits.length, false);
    this.entries.set(key, { hits, start, length });
    this.entryBytes += entryCost(key);
    while (this.entryBytes > this.entryBudget) this.dropOldest();
    return hits;
  }

  clear(): void {
    this.entries.clear();
    this.entryBytes = 0;
    this.head = 0;
  }

  /** Room for `length` positions at the head: the oldest answers in the way are dropped. */
  private reserve(length: number): number {
    if (this.arena.length === 0) this.arena = new Int32Array(this.capacity);
    if (this.head + length > this.capacity) {
      // Too little room before the end: the answers there go, and the ring starts again at 0.
      for (let oldest = this.oldest(); oldest && oldest.start >= this.head; oldest = this.oldest()) this.dropOldest();
      this.head = 0;
    }
    const end = this.head + length;
    for (let oldest = this.oldest(); oldest && oldest.start >= this.head && oldest.start < end; oldest = this.oldest()) this.dropOldest();
    const start = this.head;
    this.head = end;
    return start;
  }

  private moveToFront(key: string, kept: Kept): void {
    this.entries.delete(key);
    const start = this.reserve(kept.length);
    this.entries.set(key, kept); // now the newest
    // copyWithin copies as memmove does: right even where the old and new places overlap.
    this.arena.copyWithin(start, kept.start, kept.start + kept.length);
    kept.start = start;
    kept.hits.movedTo(this.arena.subarray(start, start + kept.length));
  }

  private oldest(): Kept | undefined {
    for (const kept of this.entries.values()) return kept;
    return undefined;
  }

  private dropOldest(): void {
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      this.entryBytes -= entryCost(key);
      return;
    }
  }
}

function joined(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const entryCost = (key: string) => ENTRY_BYTES + 2 * key.length;

/**
 * 2 MiB: about 460,000 positions, e.g. 18 answers of 25,000 matches, and room for the
 * largest answer at 100,000 books (a quarter of the arena). What repeats in practice is a
 * few popular searches; a mix of distinct queries (the benchmark's 803) gets no hits from a
 * cache of any size we would keep, and since a query costs 1–2 ms an 8 MiB arena bought no
 * throughput for its 6 MiB more of the catalog's resident memory.
 */
export const DEFAULT_ANSWER_CACHE_BYTES = 2 * 2 ** 20;
