// A set of numbers kept in ascending order in one plain array: adding the largest is a
// push, any other add or delete a binary search and one splice (a memmove, cheap next to
// a request). Pages are read by rank, so a page costs its length, not the set's size.
import { lowerBound, upperBound } from '../shared/sorted-list.js';

export class SortedNumbers {
  private readonly items: number[];

  /** `numbers` in any order (duplicates kept once): sorted once, not inserted one by one. */
  constructor(numbers: Iterable<number> = []) {
    const items = Float64Array.from(numbers).sort();
    this.items = [];
    for (let i = 0; i < items.length; i++) if (i === 0 || items[i] !== items[i - 1]) this.items.push(items[i]);
  }

  get size(): number {
    return this.items.length;
  }

  add(n: number): void {
    const items = this.items;
    if (items.length === 0 || n > items[items.length - 1]) {
      items.push(n);
      return;
    }
    const at = lowerBound(items, n);
    if (items[at] !== n) items.splice(at, 0, n);
  }

  delete(n: number): boolean {
    const at = lowerBound(this.items, n);
    if (this.items[at] !== n) return false;
    this.items.splice(at, 1);
    return true;
  }

  has(n: number): boolean {
    return this.items[lowerBound(this.items, n)] === n;
  }

  /** Largest first: the numbers at ranks offset … offset+limit-1. */
  descending(offset: number, limit: number): number[] {
    const out: number[] = [];
    for (let i = this.items.length - 1 - offset; i >= 0 && out.length < limit; i--) out.push(this.items[i]);
    return out;
  }

  /** How many are larger than n. */
  countAbove(n: number): number {
    return this.items.length - upperBound(this.items, n);
  }

  values(): readonly number[] {
    return this.items;
  }
}
