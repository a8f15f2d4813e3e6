// Each book's slot in the search index, by id. Ids of the catalog's own form (bk-N) are
// looked up in a typed array by N (4 bytes a book, against about 30 for a Map entry);
// any other id, which only imported or hand-made data has, in a Map.

export class SlotTable {
  /** slot + 1 by N of bk-N; 0: none. */
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

  set(id: string, slot: number): void {
    const n = numberOf(id);
    if (n === null) {
      if (!this.others.has(id)) this.count++;
      this.others.set(id, slot);
      return;
    }
    if (n >= this.numbered.length) {
      const grown = new Int32Array(Math.max(n + 1, this.numbered.length * 2));
      grown.set(this.numbered);
      this.numbered = grown;
    }
    if (this.numbered[n] === 0) this.count++;
    this.numbered[n] = slot + 1;
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

  /** Every slot held, in no particular order. */
  slots(): number[] {
    const out: number[] = [];
    for (let n = 0; n < this.numbered.length; n++) if (this.numbered[n] > 0) out.push(this.numbered[n] - 1);
    for (const slot of this.others.values()) out.push(slot);
    return out;
  }
}

/** N of "bk-N" when it is the canonical form and fits the table (below 2^26), else null. */
function numberOf(id: string): number | null {
  if (!id.startsWith('bk-') || id.length > 11) return null;
  const n = Number(id.slice(3));
  return Number.isInteger(n) && n > 0 && n < 2 ** 26 && String(n) === id.slice(3) ? n : null;
}
