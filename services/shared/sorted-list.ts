// Sorted lists and the binary searches over them, for every index that keeps one (the
// catalog's slot lists, loans' id lists, ordered reports): a binary search finds where to
// add or drop, and a walk over one reads memory in order.

/** An ascending list to read: a number[] or a compact Int32Array built at start-up. */
export type Sorted = ArrayLike<number>;

/** Index of the first entry >= value. */
export function lowerBound(list: Sorted, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entry > value. */
export function upperBound(list: Sorted, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first item of `items` (ordered by `compare`) that does not come before `probe`. */
export function lowerBoundBy<T>(items: readonly T[], probe: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(items[mid], probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `list` is already in ascending order (equal neighbours allowed): sorting it would change nothing. */
export function isAscending(list: Sorted): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1] > list[i]) return false;
  return true;
}

/** Adds `value` unless present; appending, the usual case, costs no search. */
export function insertSorted(list: number[], value: number): void {
  const last = list.length - 1;
  if (last < 0 || list[last] < value) {
    list.push(value);
    return;
  }
  const at = lowerBound(list, value);
  if (list[at] !== value) list.splice(at, 0, value);
}

/** Drops `value` if present; true when it was. */
export function removeSorted(list: number[], value: number): boolean {
  const at = lowerBound(list, value);
  if (list[at] !== value) return false;
  list.splice(at, 1);
  return true;
}

/** The values in both ascending lists, ascending. */
export function intersectSorted(small: Sorted, large: Sorted): number[] {
  const out: number[] = [];
  if (large.length > small.length * 16) {
    // Much larger: look each value up rather than walk the whole of `large`.
    let from = 0;
    for (let i = 0; i < small.length; i++) {
      const value = small[i];
      let lo = from;
      let hi = large.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (large[mid] < value) lo = mid + 1;
        else hi = mid;
      }
      if (large[lo] === value) out.push(value);
      from = lo;
    }
    return out;
  }
  for (let i = 0, j = 0; i < small.length && j < large.length; ) {
    if (small[i] < large[j]) i++;
    else if (small[i] > large[j]) j++;
    else {
      out.push(small[i]);
      i++;
      j++;
    }
  }
  return out;
}
