// Substring search without scanning every book: each text is split into its trigrams
// (three-character windows), and each trigram lists the slots whose text contains it.
// Every text holding a needle holds all of the needle's trigrams, so the shortest of
// their lists is a complete candidate set, usually a tiny fraction of the books; the
// caller then confirms each candidate with a plain `includes`.
import { runAll } from '../shared/slice.js';
import { insertSorted, intersectSorted, removeSorted, type Sorted } from '../shared/sorted-list.js';

/** Lower-cased, accents stripped, runs of blanks made one space: what search compares. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most texts are printable ASCII words with single spaces, which the full path leaves as
  // they are: skipping it halves the start-up cost of folding every book.
  if (PLAIN.test(lower)) return lower;
  return lower.normalize('NFD').replace(/\p{M}+/gu, '').replace(/\s+/g, ' ').trim();
}

const PLAIN = /^[!-~]+(?: [!-~]+)*$/;

/**
 * Three UTF-16 units packed into one number, cheaper to hash than a string: below 2^30
 * (a small integer, the cheapest key) when each unit is below 1024, else 2^30 plus a
 * 48-bit packing, so the two forms never meet.
 */
function gramAt(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const c = text.charCodeAt(i + 2);
  return (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : 2 ** 30 + a * 4294967296 + b * 65536 + c;
}

/**
 * The trigrams of one addAll() numbered 0, 1, … in order of first sight. ASCII trigrams (the
 * usual case) are looked up in a flat table of 2^21 entries (8 MiB, only while start-up
 * builds the indexes: one table serves the three of them in turn), the rest in a Map: a Map
 * lookup per trigram occurrence, twice (two passes), was 40% of the catalog's index build.
 */
export class GramNumbers {
  private readonly dense = new Int32Array(1 << 21).fill(-1);
  private readonly sparse = new Map<number, number>();
  /** Number → trigram (as gramAt packs it). */
  readonly grams: number[] = [];
  /** Dense table entries set, to clear them for the next index. */
  private readonly denseKeys: number[] = [];

  /** The number of the trigram at `i` of `text`, or -1 if it has none yet. */
  of(text: string, i: number): number {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    if ((a | b | c) < 128) return this.dense[(a << 14) | (b << 7) | c];
    return this.sparse.get(gramAt(text, i)) ?? -1;
  }

  /** Numbers the trigram at `i` of `text` (which has none yet). */
  add(text: string, i: number): number {
    const id = this.grams.length;
    const gram = gramAt(text, i);
    this.grams.push(gram);
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    if ((a | b | c) < 128) {
      const key = (a << 14) | (b << 7) | c;
      this.dense[key] = id;
      this.denseKeys.push(key);
    } else this.sparse.set(gram, id);
    return id;
  }

  /** Forgets every number, for the next index. */
  clear(): void {
    for (const key of this.denseKeys) this.dense[key] = -1;
    this.denseKeys.length = 0;
    this.sparse.clear();
    this.grams.length = 0;
  }
}

/** Slots addAllSteps() reads between two yields: about half a millisecond. */
const STEP_SLOTS = 512;

/** Intersect at most this many lists, and stop once fewer candidates than FEW remain. */
const MAX_INTERSECTED = 4;
const FEW = 32;
/** A list more than this many times longer than the candidates so far is not intersected. */
const LONGER_LIST_WORTH_READING = 8;

export class TrigramIndex {
  /**
   * Lists built at start-up, packed: each list is the gaps between its ascending slots,
   * 7 bits to a byte (a byte with its high bit set has more to follow), all in one
   * Uint8Array. At 100,000 books that is about a third of the 4 bytes a slot would take;
   * a query unpacks only the few lists it intersects.
   */
  private packed = new Uint8Array(0);
  /** trigram → number of its packed list; list k is packed[starts[k]..starts[k+1]). */
  private readonly packedList = new Map<number, number>();
  private starts = new Int32Array(1);
  private lengths = new Int32Array(0);
  /**
   * Lists a write has touched since start-up, unpacked into number[] once so further
   * writes append or splice in place; a trigram is in this map or in packedList, not both.
   */
  private readonly written = new Map<number, number[]>();
  /** Where unpack() puts a list: reused by every query. */
  private unpacked = new Int32Array(0);

  /**
   * Indexes `count` slots at once (start-up, on an empty index), in two passes over the
   * texts: the first counts each trigram's slots and the bytes its packed list will take,
   * the second writes every list's gaps straight into one buffer of exactly that size, in
   * slot order, so no list ever grows or is sorted. Nothing per trigram occurrence is kept
   * between the passes: an array of every occurrence (and one of every slot of every list),
   * about 45 MiB at 100,000 books, was most of the catalog's peak memory at start-up.
   * `numbers`: a table to number the trigrams in (cleared here first), to share between indexes built in turn.
   */
  addAll(count: number, textOf: (slot: number) => string, numbers = new GramNumbers()): void {
    runAll(this.addAllSteps(count, textOf, numbers));
  }

  /** addAll() as steps of STEP_SLOTS slots (shared/slice.ts); the index is not to be read until the last. */
  *addAllSteps(count: number, textOf: (slot: number) => string, numbers = new GramNumbers()): Generator<void, void, undefined> {
    numbers.clear();
    const { grams } = numbers;
    let lengths = new Int32Array(1024);
    let sizes = new Int32Array(1024);
    let last = new Int32Array(1024).fill(-1);
    for (let slot = 0; slot < count; slot++) {
      const text = textOf(slot);
      for (let i = 0; i + 3 <= text.length; i++) {
        let id = numbers.of(text, i);
        if (id === -1) {
          id = numbers.add(text, i);
          if (id >= lengths.length) [lengths, sizes, last] = [grow(lengths, 0), grow(sizes, 0), grow(last, -1)];
        }
        if (last[id] === slot) continue; // a trigram a text repeats is listed once
        sizes[id] += gapBytes(slot - last[id]);
        last[id] = slot;
        lengths[id]++;
      }
      if (slot % STEP_SLOTS === STEP_SLOTS - 1) yield;
    }
    const starts = new Int32Array(grams.length + 1);
    for (let id = 0; id < grams.length; id++) starts[id + 1] = starts[id] + sizes[id];
    const packed = new Uint8Array(starts[grams.length]);
    const cursor = sizes; // reused: where each list's next gap goes
    cursor.set(starts.subarray(0, grams.length));
    last.fill(-1);
    for (let slot = 0; slot < count; slot++) {
      const text = textOf(slot);
      for (let i = 0; i + 3 <= text.length; i++) {
        const id = numbers.of(text, i);
        if (last[id] === slot) continue;
        let gap = slot - last[id];
        last[id] = slot;
        let p = cursor[id];
        while (gap >= 0x80) {
          packed[p++] = (gap & 0x7f) | 0x80;
          gap >>>= 7;
        }
        packed[p++] = gap;
        cursor[id] = p;
      }
      if (slot % STEP_SLOTS === STEP_SLOTS - 1) yield;
    }
    for (let id = 0; id < grams.length; id++) this.packedList.set(grams[id], id);
    this.packed = packed;
    this.starts = starts;
    this.lengths = lengths.slice(0, grams.length);
    numbers.clear();
  }

  add(slot: number, text: string): void {
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = gramAt(text, i);
      const list = this.writable(gram);
      if (list) insertSorted(list, slot);
      else this.written.set(gram, [slot]);
    }
  }

  remove(slot: number, text: string): void {
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = gramAt(text, i);
      const list = this.writable(gram);
      if (list && removeSorted(list, slot) && list.length === 0) this.written.delete(gram);
    }
  }

  /**
   * Slots that may contain `needle` (a superset of those that do), ascending, or null when
   * the needle is too short for trigrams and every slot is a candidate. The few shortest
   * trigram lists are intersected first: merging integers is far cheaper than checking
   * strings, and two words together have far fewer candidates than either alone. A
   * returned list may be the index's own, or a view of a buffer the next call reuses: read
   * it, never change it, and copy it to keep it past the next call.
   */
  candidates(needle: string): Sorted | null {
    if (needle.length < 3) return null;
    const grams: { at: number; gram: number; length: number }[] = [];
    for (let at = 0; at + 3 <= needle.length; at++) {
      const gram = gramAt(needle, at);
      const length = this.lengthOf(gram);
      if (length === 0) return [];
      grams.push({ at, gram, length });
    }
    grams.sort((a, b) => a.length - b.length);
    // Overlapping trigrams ("dat", "ata") mostly list the same texts; disjoint ones narrow more.
    const chosen = [grams[0]];
    let found: Sorted = this.list(grams[0].gram);
    for (const gram of grams) {
      if (found.length < FEW || chosen.length >= MAX_INTERSECTED) break;
      // Reading a list many times longer costs more than checking the candidates it would drop.
      if (gram.length > found.length * LONGER_LIST_WORTH_READING) break;
      if (chosen.some((c) => Math.abs(c.at - gram.at) < 3)) continue;
      chosen.push(gram);
      found = this.intersect(found, gram.gram);
    }
    return found;
  }

  /** The slots of `found` that the trigram's list holds too, read straight from its packed bytes. */
  private intersect(found: Sorted, gram: number): number[] {
    const k = this.packedList.get(gram);
    if (k === undefined) return intersectSorted(found, this.written.get(gram) ?? []);
    const out: number[] = [];
    const reader = this.reader(k);
    let i = 0;
    for (let slot = reader.next(); slot !== -1 && i < found.length; slot = reader.next()) {
      while (i < found.length && found[i] < slot) i++;
      if (found[i] === slot) out.push(found[i++]);
    }
    return out;
  }

  private lengthOf(gram: number): number {
    const list = this.written.get(gram);
    if (list) return list.length;
    const k = this.packedList.get(gram);
    return k === undefined ? 0 : this.lengths[k];
  }

  private list(gram: number): Sorted {
    const k = this.packedList.get(gram);
    return k === undefined ? (this.written.get(gram) ?? []) : this.unpack(k);
  }

  /** The trigram's list as a number[] to change in place (unpacked on its first write), if it has one. */
  private writable(gram: number): number[] | undefined {
    const list = this.written.get(gram);
    if (list) return list;
    const k = this.packedList.get(gram);
    if (k === undefined) return undefined;
    const copy = Array.from(this.unpack(k)); // a copy: unpack()'s buffer is reused
    this.packedList.delete(gram); // its bytes stay in `packed`, unread, until the next start
    this.written.set(gram, copy);
    return copy;
  }

  /**
   * The packed list k, in a buffer kept for the next call: a new array per query, tens of
   * kilobytes for a common trigram, is memory outside V8's heap that only a full collection
   * frees, and under a mix of queries tens of megabytes of them waited for one.
   */
  private unpack(k: number): Int32Array {
    if (this.unpacked.length < this.lengths[k]) this.unpacked = new Int32Array(Math.max(this.lengths[k], this.unpacked.length * 2));
    const out = this.unpacked.subarray(0, this.lengths[k]);
    const reader = this.reader(k);
    for (let i = 0; i < out.length; i++) out[i] = reader.next();
    return out;
  }

  private reader(k: number): PackedReader {
    return new PackedReader(this.packed, this.starts[k], this.starts[k + 1]);
  }
}

/** Reads one packed list, slot by slot. */
class PackedReader {
  private slot = -1;

  constructor(
    private readonly packed: Uint8Array,
    private at: number,
    private readonly end: number,
  ) {}

  /** The next slot of the list, or -1 after its last. */
  next(): number {
    if (this.at >= this.end) return -1;
    let byte = this.packed[this.at++];
    let gap = byte & 0x7f;
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = this.packed[this.at++];
      gap |= (byte & 0x7f) << shift;
    }
    this.slot += gap;
    return this.slot;
  }
}

/** Bytes a gap takes packed: 7 bits each. */
function gapBytes(gap: number): number {
  return gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5;
}

function grow(array: Int32Array<ArrayBuffer>, filler: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2).fill(filler);
  grown.set(array);
  return grown;
}
