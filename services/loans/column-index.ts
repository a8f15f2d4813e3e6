// One column of the history (member, book or copy) → the ascending loan id numbers of its
// rows. The rows read at start are packed once filed: every list one after another in one
// Float64Array, and where each value's list starts in an Int32Array. 110,000 lists kept as
// an array each (with the object that held it) took about 20 MB at 200,000 rows; packed
// they take 8 bytes a row and 4 a value. A value whose list changes later (a loan returned
// since start) gets an array of its own, as before.
import { insertSorted, removeSorted } from '../shared/sorted-list.js';
import { ValueIndex } from './value-index.js';

/** Lists sorted between two yields of pack(). */
const LISTS_PER_STEP = 64;

export class ColumnIndex {
  readonly values: ValueIndex;
  /** While filing: each row's value slot. */
  private rowSlots: Int32Array | null = null;
  /** Packed: value slot s's ids are postings[starts[s], starts[s + 1]). */
  private starts = new Int32Array(1);
  private postings = new Float64Array(0);
  /** The lists changed since packing, whole. */
  private readonly changed = new Map<number, number[]>();

  /** `mask` narrows the values' hash: only tests set it, to make collisions happen. */
  constructor(mask?: number) {
    this.values = new ValueIndex(mask);
  }

  /** Filing `rows` rows read at start begins: fileRow() each, then pack(). */
  begin(rows: number): void {
    this.rowSlots = new Int32Array(rows);
  }

  /** Row `row`'s value is the UTF-8 text data[start, end). */
  fileRow(row: number, data: Uint8Array, start: number, end: number): void {
    this.rowSlots![row] = this.values.slotAt(data, start, end);
  }

  /** Row `row`'s value is `value` (a quoted field, decoded). */
  fileValue(row: number, value: string): void {
    this.rowSlots![row] = this.values.slotOf(value);
  }

  /** Packs the filed rows' lists (`ids`: each row's loan id number), yielding between steps. */
  *pack(ids: ArrayLike<number>): Generator<void> {
    const slots = this.rowSlots!;
    const starts = new Int32Array(this.values.size + 1);
    for (let row = 0; row < slots.length; row++) starts[slots[row] + 1]++;
    for (let s = 1; s < starts.length; s++) starts[s] += starts[s - 1];
    const postings = new Float64Array(slots.length);
    const next = starts.slice(0, starts.length - 1);
    for (let row = 0; row < slots.length; row++) postings[next[slots[row]]++] = ids[row];
    yield;
    // Rows were filed in return order; the lists want id order.
    for (let s = 0; s + 1 < starts.length; s++) {
      if (!ascending(postings, starts[s], starts[s + 1])) postings.subarray(starts[s], starts[s + 1]).sort();
      if (s % LISTS_PER_STEP === 0) yield;
    }
    this.starts = starts;
    this.postings = postings;
    this.rowSlots = null;
  }

  /** The ids filed under `value`, ascending; undefined when none ever was. */
  get(value: string): number[] | undefined {
    const slot = this.values.find(value);
    if (slot === -1) return undefined;
    return this.changed.get(slot) ?? this.packed(slot);
  }

  /** Files id `n` under `value` (after packing). */
  insert(value: string, n: number): void {
    insertSorted(this.own(this.values.slotOf(value)), n);
  }

  /** Takes id `n` from under `value` (after packing). */
  remove(value: string, n: number): void {
    const slot = this.values.find(value);
    if (slot !== -1) removeSorted(this.own(slot), n);
  }

  private own(slot: number): number[] {
    let list = this.changed.get(slot);
    if (!list) this.changed.set(slot, (list = this.packed(slot)));
    return list;
  }

  private packed(slot: number): number[] {
    if (slot + 1 >= this.starts.length) return [];
    return Array.from(this.postings.subarray(this.starts[slot], this.starts[slot + 1]));
  }
}

function ascending(list: Float64Array, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (list[i - 1] > list[i]) return false;
  return true;
}
