// The answer to one query, as positions in the title order: title matches, then the
// rest. Recent answers are kept until the next write, because a catalog is read far more
// than it is changed and popular searches repeat; a kept answer is sorted once, on its
// second use, after which any page of it is a slice.
import { smallestK } from './top-k.js';

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

  /** Positions in the title order of the answer's items from offset to offset + limit. */
  page(offset: number, limit: number): number[] {
    const need = offset + limit;
    if (!this.sorted && ++this.uses > 1) {
      this.titleHits.sort();
      this.otherHits.sort();
      this.sorted = true;
    }
    const pick = (hits: Int32Array, k: number) => (this.sorted ? Array.from(hits.subarray(0, k)) : smallestK(hits, k));
    const first = pick(this.titleHits, need);
    const ranks = first.length < need ? first.concat(pick(this.otherHits, need - first.length)) : first;
    return ranks.slice(offset);
  }
}

/** Least recently used answers, bounded by the number of positions they hold. */
export class HitCache {
  private readonly entries = new Map<string, RankedHits>();
  private held = 0;

  constructor(private readonly budget = 2_000_000) {}

  get(key: string): RankedHits | undefined {
    const hits = this.entries.get(key);
    if (hits) {
      this.entries.delete(key);
      this.entries.set(key, hits);
    }
    return hits;
  }

  put(key: string, hits: RankedHits): RankedHits {
    if (hits.total > this.budget / 4 || this.budget === 0) return hits;
    this.entries.set(key, hits);
    this.held += hits.total;
    for (const [oldest, old] of this.entries) {
      if (this.held <= this.budget) break;
      this.entries.delete(oldest);
      this.held -= old.total;
    }
    return hits;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}
