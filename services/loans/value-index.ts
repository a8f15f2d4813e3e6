// A column's distinct values (members, books, copies of the history), each given a slot
// number, 0, 1, 2, … as first met. Filed straight from the file's bytes: reading 200,000
// rows must not make a string per field (the strings, their hashing and their garbage were
// most of loans' start-up time), so a value is found by a hash of its UTF-8 bytes and
// compared in place; only a value met for the first time becomes a string. The hash table
// is open-addressed in one Int32Array (no Map entry, no object per value), so values whose
// hashes collide are told apart by comparing them.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Hashes stay within V8's small integers: a larger number would be allocated per lookup. */
const SMALL_INTEGER = 0x3fffffff;

export class ValueIndex {
  private readonly values: string[] = [];
  private hashes: Int32Array = new Int32Array(256);
  /** Slot + 1 at each place of the table (0: empty); at most half full. */
  private table = new Int32Array(512);
  /** Where the last value looked for and not found would go in the table. */
  private emptyPlace = 0;

  /** `mask` narrows the hash: only tests set it, to make collisions happen. */
  constructor(private readonly mask = SMALL_INTEGER) {}

  /** Distinct values so far. */
  get size(): number {
    return this.values.length;
  }

  /** The slot of `value`, or -1 when it never was filed. */
  find(value: string): number {
    const bytes = Buffer.from(value, 'utf8');
    return this.lookup(this.hash(bytes, 0, bytes.length), bytes, 0, bytes.length, value);
  }

  /**
   * The slot of the value whose UTF-8 bytes are data[start, end), made if new. `decoded`
   * is the value as a string when the caller already has it (a quoted field).
   */
  slotAt(data: Uint8Array, start: number, end: number, decoded?: string): number {
    const hash = this.hash(data, start, end);
    const found = this.lookup(hash, data, start, end, decoded);
    if (found !== -1) return found;
    const slot = this.values.length;
    this.values.push(decoded ?? Buffer.from(data.buffer, data.byteOffset + start, end - start).toString('utf8'));
    if (slot === this.hashes.length) this.hashes = grown(this.hashes);
    this.hashes[slot] = hash;
    this.table[this.emptyPlace] = slot + 1;
    if (2 * this.values.length > this.table.length) this.rehash();
    return slot;
  }

  /** The slot of a value given as a string, made if new. */
  slotOf(value: string): number {
    const bytes = Buffer.from(value, 'utf8');
    return this.slotAt(bytes, 0, bytes.length, value);
  }

  /** The value's slot or, when absent, -1 (and emptyPlace is where it would go). */
  private lookup(hash: number, data: Uint8Array, start: number, end: number, decoded?: string): number {
    const wrap = this.table.length - 1;
    for (let place = hash & wrap; ; place = (place + 1) & wrap) {
      const entry = this.table[place];
      if (entry === 0) {
        this.emptyPlace = place;
        return -1;
      }
      const slot = entry - 1;
      if (this.hashes[slot] !== hash) continue;
      const value = this.values[slot];
      if (decoded !== undefined ? value === decoded : sameText(value, data, start, end)) return slot;
    }
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    const wrap = this.table.length - 1;
    for (let slot = 0; slot < this.values.length; slot++) {
      let place = this.hashes[slot] & wrap;
      while (this.table[place] !== 0) place = (place + 1) & wrap;
      this.table[place] = slot + 1;
    }
  }

  private hash(data: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ data[i], FNV_PRIME);
    return h & this.mask;
  }
}

function grown(list: Int32Array): Int32Array {
  const bigger = new Int32Array(list.length * 2);
  bigger.set(list);
  return bigger;
}

/** Whether `value` is the UTF-8 text of data[start, end): compared as bytes while both are ASCII. */
function sameText(value: string, data: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    const byte = data[start + i];
    if (code >= 0x80 || byte >= 0x80) return value === Buffer.from(data.buffer, data.byteOffset + start, length).toString('utf8');
    if (code !== byte) return false;
  }
  return value.length === length;
}
