// Substring search without scanning every book: each text is split into its trigrams
// (three-character windows), and each trigram lists the slots whose text contains it.
// Every text holding a needle holds all of the needle's trigrams, so the shortest of
// their lists is a complete candidate set, usually a tiny fraction of the books; the
// caller then confirms each candidate with a plain `includes`.
import { insertSorted, intersectSorted, removeSorted, type Sorted } from './sorted-list.js';

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

/** Intersect at most this many lists, and stop once fewer candidates than FEW remain. */
const MAX_INTERSECTED = 4;
const FEW = 32;

export class TrigramIndex {
  /**
   * Lists built at start-up are views into one Int32Array (4 bytes a slot, where a
   * number[] takes 8 plus its growth slack); a list a later write touches is copied into
   * a number[] once, so further writes append or splice in place.
   */
  private readonly lists = new Map<number, number[] | Int32Array>();

  /**
   * Indexes `count` slots at once (start-up, on an empty index): the trigrams are counted
   * first, then each list is filled in slot order, so no list ever grows or is sorted.
   */
  addAll(count: number, textOf: (slot: number) => string): void {
    const idOf = new Map<number, number>();
    const grams: number[] = [];
    let size = 0;
    for (let slot = 0; slot < count; slot++) size += Math.max(0, textOf(slot).length - 2);
    // Per slot, the id of each of its trigrams (a trigram a text repeats is counted once).
    const ids = new Int32Array(size);
    const starts = new Int32Array(count + 1);
    let lengths = new Int32Array(1024);
    let last = new Int32Array(1024).fill(-1);
    let n = 0;
    for (let slot = 0; slot < count; slot++) {
      const text = textOf(slot);
      starts[slot] = n;
      for (let i = 0; i + 3 <= text.length; i++) {
        const gram = gramAt(text, i);
        let id = idOf.get(gram);
        if (id === undefined) {
          id = grams.length;
          idOf.set(gram, id);
          grams.push(gram);
          if (id >= lengths.length) [lengths, last] = [grow(lengths, 0), grow(last, -1)];
        }
        if (last[id] === slot) continue;
        last[id] = slot;
        lengths[id]++;
        ids[n++] = id;
      }
    }
    starts[count] = n;
    const postings = new Int32Array(n);
    const at = new Int32Array(grams.length + 1);
    for (let id = 0; id < grams.length; id++) at[id + 1] = at[id] + lengths[id];
    const fill = at.slice(0, grams.length);
    for (let slot = 0; slot < count; slot++) {
      for (let k = starts[slot]; k < starts[slot + 1]; k++) postings[fill[ids[k]]++] = slot;
    }
    for (let id = 0; id < grams.length; id++) this.lists.set(grams[id], postings.subarray(at[id], at[id + 1]));
  }

  add(slot: number, text: string): void {
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = gramAt(text, i);
      const list = this.lists.get(gram);
      if (list) insertSorted(this.writable(gram, list), slot);
      else this.lists.set(gram, [slot]);
    }
  }

  remove(slot: number, text: string): void {
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = gramAt(text, i);
      const list = this.lists.get(gram);
      if (list && removeSorted(this.writable(gram, list), slot) && this.lists.get(gram)!.length === 0) this.lists.delete(gram);
    }
  }

  /**
   * Slots that may contain `needle` (a superset of those that do), ascending, or null when
   * the needle is too short for trigrams and every slot is a candidate. The few shortest
   * trigram lists are intersected first: merging integers is far cheaper than checking
   * strings, and two words together have far fewer candidates than either alone. A
   * returned list may be the index's own: read it, never change it.
   */
  candidates(needle: string): Sorted | null {
    if (needle.length < 3) return null;
    const grams: { at: number; list: Sorted }[] = [];
    for (let at = 0; at + 3 <= needle.length; at++) {
      const list = this.lists.get(gramAt(needle, at));
      if (!list) return [];
      grams.push({ at, list });
    }
    grams.sort((a, b) => a.list.length - b.list.length);
    // Overlapping trigrams ("dat", "ata") mostly list the same texts; disjoint ones narrow more.
    const chosen = [grams[0]];
    let found: Sorted = grams[0].list;
    for (const gram of grams) {
      if (found.length < FEW || chosen.length >= MAX_INTERSECTED) break;
      if (chosen.some((c) => Math.abs(c.at - gram.at) < 3)) continue;
      chosen.push(gram);
      found = intersectSorted(found, gram.list);
    }
    return found;
  }

  /** The list as a number[], copied out of the shared buffer on its first write. */
  private writable(gram: number, list: number[] | Int32Array): number[] {
    if (Array.isArray(list)) return list;
    const copy = Array.from(list);
    this.lists.set(gram, copy);
    return copy;
  }
}

function grow(array: Int32Array<ArrayBuffer>, filler: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2).fill(filler);
  grown.set(array);
  return grown;
}
