// Key → the ids filed under it (a member's loans, a book's holds): what the indexes are made of.
import { isAscending, lowerBound } from '../shared/sorted-list.js';

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
 * A key with one number keeps the bare number, no array: most members and books have one
 * hold or none, and 30,000 one-element arrays cost megabytes.
 */
export class NumberLists {
  private readonly lists = new Map<string, number | number[]>();

  /**
   * Files `n` under `key` without keeping the order: for filling at start, which ends with
   * sortAll() (sorting each list once costs less than inserting 22,000 numbers in order).
   */
  append(key: string, n: number): void {
    const list = this.lists.get(key);
    if (list === undefined) this.lists.set(key, n);
    else if (typeof list === 'number') this.lists.set(key, [list, n]);
    else list.push(n);
  }

  /** Puts every list in order (and drops repeats) after append(). */
  sortAll(): void {
    for (const [key, list] of this.lists) {
      if (typeof list === 'number') continue;
      if (!isAscending(list)) list.sort((a, b) => a - b);
      let kept = 1;
      for (let i = 1; i < list.length; i++) if (list[i] !== list[i - 1]) list[kept++] = list[i];
      // slice(): an exact copy, where the pushed-to array kept room for growth.
      this.lists.set(key, kept === 1 ? list[0] : list.slice(0, kept));
    }
  }

  /** The key's numbers, ascending (empty when none). Not to be changed by the caller. */
  get(key: string): readonly number[] {
    const list = this.lists.get(key);
    if (list === undefined) return NONE;
    return typeof list === 'number' ? [list] : list;
  }

  add(key: string, n: number): void {
    const list = this.lists.get(key);
    if (list === undefined) this.lists.set(key, n);
    else if (typeof list === 'number') {
      if (n !== list) this.lists.set(key, n > list ? [list, n] : [n, list]);
    } else if (n > list[list.length - 1]) list.push(n);
    else {
      const at = lowerBound(list, n);
      if (list[at] !== n) list.splice(at, 0, n);
    }
  }

  delete(key: string, n: number): void {
    const list = this.lists.get(key);
    if (list === undefined) return;
    if (typeof list === 'number') {
      if (list === n) this.lists.delete(key);
      return;
    }
    const at = lowerBound(list, n);
    if (list[at] !== n) return;
    list.splice(at, 1);
    if (list.length === 1) this.lists.set(key, list[0]);
  }

  has(key: string, n: number): boolean {
    const list = this.lists.get(key);
    if (list === undefined || typeof list === 'number') return list === n;
    return list[lowerBound(list, n)] === n;
  }
}

const NONE: readonly number[] = Object.freeze([]);
