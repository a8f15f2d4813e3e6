// Key → the ids filed under it (a member's loans, a book's holds): what the indexes are made of.
import { lowerBound } from './sorted-numbers.js';

export class IdSets {
  private readonly sets = new Map<string, Set<string>>();

  get(key: string): ReadonlySet<string> | undefined {
    return this.sets.get(key);
  }

  add(key: string, id: string): void {
    let ids = this.sets.get(key);
    if (!ids) this.sets.set(key, (ids = new Set()));
    ids.add(id);
  }

  delete(key: string, id: string): void {
    const ids = this.sets.get(key);
    if (!ids) return;
    ids.delete(id);
    if (ids.size === 0) this.sets.delete(key);
  }
}

/**
 * Key → the numbers filed under it in ascending order (a member's holds by seq, a book's
 * queue): a page of one key is a slice, its rank a binary search. Numbers mostly arrive as
 * the largest (a new hold), a push; any other add or delete is one splice of that key's list.
 */
export class NumberLists {
  private readonly lists = new Map<string, number[]>();

  /**
   * Files `n` under `key` without keeping the order: for filling at start, which ends with
   * sortAll() (sorting each list once costs less than inserting 22,000 numbers in order).
   */
  append(key: string, n: number): void {
    const list = this.lists.get(key);
    if (list) list.push(n);
    else this.lists.set(key, [n]);
  }

  /** Puts every list in order (and drops repeats) after append(). */
  sortAll(): void {
    for (const list of this.lists.values()) {
      if (list.length < 2) continue;
      list.sort((a, b) => a - b);
      let kept = 1;
      for (let i = 1; i < list.length; i++) if (list[i] !== list[i - 1]) list[kept++] = list[i];
      list.length = kept;
    }
  }

  /** The key's numbers, ascending (empty when none). */
  get(key: string): readonly number[] {
    return this.lists.get(key) ?? NONE;
  }

  add(key: string, n: number): void {
    const list = this.lists.get(key);
    if (!list) {
      this.lists.set(key, [n]);
      return;
    }
    if (n > list[list.length - 1]) list.push(n);
    else {
      const at = lowerBound(list, n);
      if (list[at] !== n) list.splice(at, 0, n);
    }
  }

  delete(key: string, n: number): void {
    const list = this.lists.get(key);
    if (!list) return;
    const at = lowerBound(list, n);
    if (list[at] !== n) return;
    if (list.length === 1) this.lists.delete(key);
    else list.splice(at, 1);
  }

  has(key: string, n: number): boolean {
    const list = this.lists.get(key);
    return list !== undefined && list[lowerBound(list, n)] === n;
  }
}

const NONE: readonly number[] = Object.freeze([]);
