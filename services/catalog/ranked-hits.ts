// The answer to one query, as positions in the title order: title matches, then the
// rest. Recent answers are kept until the next write, because a catalog is read far more
// than it is changed and popular searches repeat. A first page of a new answer needs only
// the k smallest positions (a small heap, k = offset + limit up to SHALLOW); a deeper page,
// or any second use, sorts the answer once, in place, after which every page is a slice
// of `limit` entries, whatever its offset.
import { smallestK } from './top-k.js';

/** Pages ending within this many positions of the start are picked with a heap while the answer is unsorted. */
const SHALLOW = 256;

/** What a kept answer costs besides its positions: the Map entry, the object, two typed arrays, the key. */
const ENTRY_BYTES = 320;

export class RankedHits {
  private uses = 0;

  constructor(
    private readonly titleHits: Int32Array,
    private readonly otherHits: Int32Array,
    private sorted: boolean,
  ) {}

  get total(): number {
    return this.titleHits.length + this.otherHits.length;
  }

  /** Bytes the answer holds while kept (4 per position). */
  get bytes(): number {
    return this.titleHits.byteLength + this.otherHits.byteLength + ENTRY_BYTES;
  }

  /** Positions in the title order of the answer's items from offset to offset + limit. */
  page(offset: number, limit: number): number[] {
    if (!this.sorted && (offset + limit > SHALLOW || ++this.uses > 1)) {
      this.titleHits.sort();
      this.otherHits.sort();
      this.sorted = true;
    }
    if (!this.sorted) {
      const need = offset + limit;
      const first = smallestK(this.titleHits, need);
      return (first.length < need ? first.concat(smallestK(this.otherHits, need - first.length)) : first).slice(offset);
    }
    const titles = this.titleHits.length;
    const out = Array.from(this.titleHits.subarray(Math.min(offset, titles), Math.min(offset + limit, titles)));
    if (out.length < limit) {
      const from = Math.max(0, offset - titles);
      for (const rank of this.otherHits.subarray(from, from + limit - out.length)) out.push(rank);
    }
    return out;
  }
}

/**
 * Least recently used answers, bounded by the bytes they hold (positions, entry and key),
 * so that no mix of queries can grow the catalog's memory past the budget.
 */
export class HitCache {
  private readonly entries = new Map<string, RankedHits>();
  private held = 0;

  constructor(private readonly budgetBytes = DEFAULT_ANSWER_CACHE_BYTES) {}

  get bytes(): number {
    return this.held;
  }

  get(key: string): RankedHits | undefined {
    const hits = this.entries.get(key);
    if (hits) {
      this.entries.delete(key);
      this.entries.set(key, hits);
    }
    return hits;
  }

  put(key: string, hits: RankedHits): RankedHits {
    const cost = costOf(key, hits);
    // One answer may take a quarter of the budget: a huge one must not flush all the others.
    if (cost > this.budgetBytes / 4 || this.entries.has(key)) return hits;
    this.entries.set(key, hits);
    this.held += cost;
    for (const [oldest, old] of this.entries) {
      if (this.held <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.held -= costOf(oldest, old);
    }
    return hits;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}

/** 8 MiB: about 2 million positions, e.g. 80 answers of 25,000 matches. */
export const DEFAULT_ANSWER_CACHE_BYTES = 8 * 2 ** 20;

const costOf = (key: string, hits: RankedHits) => hits.bytes + 2 * key.length;
