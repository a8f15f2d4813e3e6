// A number (0 or more) by book id, compact: the search index's slot of each book and the
// stock mirror's units for sale. Ids of the catalog's own form (bk-N) are looked up in a
// typed array by N (4 bytes a book, against 30-80 for a Map entry with its key); any other
// id, which only imported or hand-made data has, in a Map.

export class BookIdTable {
  /** value + 1 by N of bk-N; 0: none. */
  private numbered = new Int32Array(1024);
  private readonly others = new Map<string, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    const n = numberOf(id);
    if (n === null) return this.others.get(id);
    return n < this.numbered.length && this.numbered[n] > 0 ? this.numbered[n] - 1 : undefined;
  }

  set(id: string, value: number): void {
    const n = numberOf(id);
    if (n === null) {
      if (!this.others.has(id)) this.count++;
      this.others.set(id, value);
      return;
    }
    if (n >= this.numbered.length) {
      const grown = new Int32Array(Math.max(n + 1, this.numbered.length * 2));
      grown.set(this.numbered);
      this.numbered = grown;
    }
    if (this.numbered[n] === 0) this.count++;
    this.numbered[n] = value + 1;
  }

  delete(id: string): void {
    const n = numberOf(id);
    if (n === null) {
      if (this.others.delete(id)) this.count--;
    } else if (n < this.numbered.length && this.numbered[n] > 0) {
      this.numbered[n] = 0;
      this.count--;
    }
  }

  clear(): void {
    this.numbered = new Int32Array(1024);
    this.others.clear();
    this.count = 0;
  }

  /** Every value held, in no particular order. */
  values(): number[] {
    const out: number[] = [];
    for (let n = 0; n < this.numbered.length; n++) if (this.numbered[n] > 0) out.push(this.numbered[n] - 1);
    for (const value of this.others.values()) out.push(value);
    return out;
  }
}

/** N of "bk-N" when it is the canonical form and fits the table (below 2^26), else null. */
function numberOf(id: string): number | null {
  if (!id.startsWith('bk-') || id.length > 11) return null;
  const n = Number(id.slice(3));
  return Number.isInteger(n) && n > 0 && n < 2 ** 26 && String(n) === id.slice(3) ? n : null;
}
