// Open loans not yet overdue, soonest due first: the loan index takes them off the front
// as the clock passes their due time. Kept as two parallel Float64Arrays (due time, loan id
// number) in (due, number) order, the front being `head`: 50,000 {due, n} objects with a
// boxed due time each took about 2.4 MB of heap; these take 16 bytes a loan beside it.
// Taking from the front moves `head`; an insert or a removal is a binary search and one
// copyWithin (a memmove of at most the queue, 800 KB at 50,000 loans, tens of µs).

export class DueQueue {
  private dues: Float64Array;
  private ns: Float64Array;
  private head = 0;
  private end = 0;

  /** `dues[i]` and `ns[i]` are one loan's; in any order (sorted here once). */
  constructor(dues: ArrayLike<number> = [], ns: ArrayLike<number> = []) {
    const order = Uint32Array.from({ length: dues.length }, (_, i) => i).sort((a, b) => dues[a] - dues[b] || ns[a] - ns[b]);
    this.dues = new Float64Array(Math.max(16, order.length));
    this.ns = new Float64Array(this.dues.length);
    for (const i of order) {
      this.dues[this.end] = dues[i];
      this.ns[this.end++] = ns[i];
    }
  }

  get size(): number {
    return this.end - this.head;
  }

  insert(due: number, n: number): void {
    if (this.end === this.dues.length) this.makeRoom();
    const at = this.position(due, n);
    if (at < this.end && this.dues[at] === due && this.ns[at] === n) return;
    this.dues.copyWithin(at + 1, at, this.end);
    this.ns.copyWithin(at + 1, at, this.end);
    this.dues[at] = due;
    this.ns[at] = n;
    this.end++;
  }

  /** Removes the loan due at `due` with number `n`; whether it was there. */
  remove(due: number, n: number): boolean {
    const at = this.position(due, n);
    if (at >= this.end || this.dues[at] !== due || this.ns[at] !== n) return false;
    this.dues.copyWithin(at, at + 1, this.end);
    this.ns.copyWithin(at, at + 1, this.end);
    this.end--;
    return true;
  }

  /** Takes off the front, soonest first, every loan due before `now`: their numbers. */
  takeBefore(now: number): number[] {
    const taken: number[] = [];
    while (this.head < this.end && this.dues[this.head] < now) taken.push(this.ns[this.head++]);
    if (this.head === this.end) this.head = this.end = 0;
    return taken;
  }

  /** Every loan in the queue as [dues, numbers], in order (to rebuild with more). */
  entries(): [Float64Array, Float64Array] {
    return [this.dues.slice(this.head, this.end), this.ns.slice(this.head, this.end)];
  }

  /** The first place not before (due, n). */
  private position(due: number, n: number): number {
    let lo = this.head;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.dues[mid] < due || (this.dues[mid] === due && this.ns[mid] < n)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Space for one more: the front's free room taken back, or the arrays doubled. */
  private makeRoom(): void {
    const size = this.end - this.head;
    const length = size + 1 > this.dues.length / 2 ? this.dues.length * 2 : this.dues.length;
    const dues = new Float64Array(length);
    const ns = new Float64Array(length);
    dues.set(this.dues.subarray(this.head, this.end));
    ns.set(this.ns.subarray(this.head, this.end));
    this.dues = dues;
    this.ns = ns;
    this.head = 0;
    this.end = size;
  }
}
