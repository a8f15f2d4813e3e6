// Loan id number → row of loan_history.csv. Loan ids are one sequence (ln-1, ln-2, …) shared
// by open and returned loans, so a table indexed by the number is dense: 4 bytes a loan
// where a Map of 200,000 entries took about 7 MB, and it grows by doubling instead of by
// rehashing every entry. A number far beyond the sequence (a hand-edited id, which must not
// make the table huge) goes to a Map.

/** The table grows to hold n only while n is below 4 slots per row kept plus this. */
const SLACK = 65_536;

export class RowTable {
  /** Row + 1 at each id number; 0 = none. */
  private table = new Int32Array(1024);
  private readonly far = new Map<number, number>();
  private rows = 0;

  get(n: number): number | undefined {
    if (Number.isInteger(n) && n >= 0 && n < this.table.length) {
      const slot = this.table[n];
      // 0: none here, but n may have gone to `far` before the table grew past it.
      return slot === 0 ? this.far.get(n) : slot - 1;
    }
    return this.far.get(n);
  }

  has(n: number): boolean {
    return this.get(n) !== undefined;
  }

  set(n: number, row: number): void {
    this.rows++;
    const inTable = Number.isInteger(n) && n >= 0 && (n < this.table.length || n < 4 * this.rows + SLACK);
    if (!inTable) {
      this.far.set(n, row);
      return;
    }
    if (n >= this.table.length) {
      let size = this.table.length;
      while (size <= n) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.table);
      this.table = grown;
    }
    this.table[n] = row + 1;
  }

  delete(n: number): void {
    if (Number.isInteger(n) && n >= 0 && n < this.table.length) this.table[n] = 0;
    this.far.delete(n);
  }
}
