// The history's lists by member, by book and by copy: a column's values → ascending loan id
// numbers. Filed straight from the file's bytes: reading 200,000 rows must not make a
// string per field (the strings, their hashing and their garbage were most of loans'
// start-up time), so a value is found by a hash of its UTF-8 bytes and compared in place;
// only a value met for the first time becomes a string. Values whose hashes collide share
// a chain, so a lookup is exact.

export interface Filing {
  value: string;
  ids: number[];
  /** The next value with the same hash (rare). */
  next?: Filing;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Hashes stay within V8's small integers: a larger key would be a heap number, allocated per lookup. */
const SMALL_INTEGER = 0x3fffffff;

export class ValueIndex {
  private readonly byHash = new Map<number, Filing>();

  /** `mask` narrows the hash: only tests set it, to make collisions happen. */
  constructor(private readonly mask = SMALL_INTEGER) {}

  /** The ids filed under `value`, ascending; undefined when none ever was. */
  get(value: string): number[] | undefined {
    const bytes = Buffer.from(value, 'utf8');
    return this.find(this.hash(bytes, 0, bytes.length), bytes, 0, bytes.length, value)?.ids;
  }

  /**
   * The list for the value whose UTF-8 bytes are data[start, end), made if new. `decoded`
   * is the value as a string when the caller already has it (a quoted field).
   */
  listAt(data: Uint8Array, start: number, end: number, decoded?: string): number[] {
    const hash = this.hash(data, start, end);
    const found = this.find(hash, data, start, end, decoded);
    if (found) return found.ids;
    const value = decoded ?? Buffer.from(data.buffer, data.byteOffset + start, end - start).toString('utf8');
    const filing: Filing = { value, ids: [], next: this.byHash.get(hash) };
    this.byHash.set(hash, filing);
    return filing.ids;
  }

  /** The list for a value given as a string, made if new. */
  listOf(value: string): number[] {
    const bytes = Buffer.from(value, 'utf8');
    return this.listAt(bytes, 0, bytes.length, value);
  }

  /** Every value's filing, to sort and compact its list once after loading. */
  *filings(): IterableIterator<Filing> {
    for (const first of this.byHash.values()) for (let f: Filing | undefined = first; f; f = f.next) yield f;
  }

  private find(hash: number, data: Uint8Array, start: number, end: number, decoded?: string): Filing | undefined {
    for (let f = this.byHash.get(hash); f; f = f.next) {
      if (decoded !== undefined ? f.value === decoded : sameText(f.value, data, start, end)) return f;
    }
    return undefined;
  }

  private hash(data: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ data[i], FNV_PRIME);
    return h & this.mask;
  }
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
