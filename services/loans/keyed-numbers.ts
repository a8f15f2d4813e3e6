// Numbers found by a text that each number's own record gives (an open loan's id number by its
// copy's barcode): a hash table of the numbers alone, in an Int32Array, the text read back
// through keyOf(n) to tell a match from a collision. At a large library a Map of 50,000
// barcodes to loan ids took 1.7 MiB of heap, its entries alone (the strings are the records');
// this takes 0.5 MiB beside the heap. Linear probing, at most half full; a delete shifts back
// the entries after it, so no tombstones pile up.
// As a Map's set and delete: a set under a text already there replaces its number, and
// delete(text, n) removes n only if it is what the text finds. A number is filed under one
// text at a time, the one its record gives (delete it before its record changes text), and
// delete(text, n) is asked of a number filed under that text or not filed at all.

export class KeyedNumbers {
  private slots: Int32Array;
  private count = 0;

  /**
   * `keyOf(n)`: the text number `n` is filed under, while it is filed (only asked then).
   * `expected`: how many will be filed at once, so filling at start does not rehash on the way.
   */
  constructor(
    private readonly keyOf: (n: number) => string | undefined,
    expected = 0,
  ) {
    let size = 1024;
    while (size < 2 * expected) size *= 2;
    this.slots = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** The number filed under `key`, or undefined. */
  get(key: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let i = hash(key) & mask; this.slots[i] !== 0; i = (i + 1) & mask) {
      if (this.keyOf(this.slots[i]) === key) return this.slots[i];
    }
    return undefined;
  }

  /** Files `n` (1 … 2^31 - 1) under `key`, in place of any number filed under it. */
  set(key: string, n: number): void {
    if (!(Number.isInteger(n) && n >= 1 && n <= 0x7fffffff)) throw new RangeError(`KeyedNumbers: ${n} is not a positive int32`);
    if (2 * (this.count + 1) > this.slots.length) this.rehash(2 * this.slots.length);
    const mask = this.slots.length - 1;
    let i = hash(key) & mask;
    for (; this.slots[i] !== 0; i = (i + 1) & mask) {
      if (this.keyOf(this.slots[i]) === key) {
        this.slots[i] = n;
        return;
      }
    }
    this.slots[i] = n;
    this.count++;
  }

  /**
   * Removes `n` if it is what `key` finds. `n`'s record may be gone or changed already, so it
   * is looked for by number along `key`'s probe; the others' texts are asked as they move.
   */
  delete(key: string, n: number): boolean {
    const mask = this.slots.length - 1;
    let i = hash(key) & mask;
    while (this.slots[i] !== n) {
      if (this.slots[i] === 0) return false;
      i = (i + 1) & mask;
    }
    // Backward shift: an entry after the hole moves into it unless its home lies cyclically in (hole, entry].
    for (let j = (i + 1) & mask; this.slots[j] !== 0; j = (j + 1) & mask) {
      const home = hash(this.keyOf(this.slots[j])!) & mask;
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      this.slots[i] = this.slots[j];
      i = j;
    }
    this.slots[i] = 0;
    this.count--;
    return true;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size);
    this.count = 0;
    for (const n of old) if (n !== 0) this.set(this.keyOf(n)!, n);
  }
}

/** FNV-1a over the text's UTF-16 code units. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
