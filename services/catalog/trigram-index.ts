// Substring search without scanning every book: each text is split into its trigrams
// (three-character windows), and each trigram lists the slots whose text contains it.
// Every text holding a needle holds all of the needle's trigrams, so the shortest of
// their lists is a complete candidate set, usually a tiny fraction of the books; the
// caller then confirms each candidate with a plain `includes`.
import { insertSorted, intersectSorted, removeSorted } from './sorted-list.js';

/** Lower-cased, accents stripped, runs of blanks made one space: what search compares. */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/\s+/g, ' ').trim();
}

/** Three UTF-16 units packed into one number (< 2^48), cheaper to hash than a string. */
function gramAt(text: string, i: number): number {
  return text.charCodeAt(i) * 4294967296 + text.charCodeAt(i + 1) * 65536 + text.charCodeAt(i + 2);
}

/** Intersect at most this many lists, and stop once fewer candidates than FEW remain. */
const MAX_INTERSECTED = 4;
const FEW = 32;

export class TrigramIndex {
  private readonly lists = new Map<number, number[]>();

  add(slot: number, text: string): void {
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = gramAt(text, i);
      const list = this.lists.get(gram);
      if (list) insertSorted(list, slot);
      else this.lists.set(gram, [slot]);
    }
  }

  remove(slot: number, text: string): void {
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = gramAt(text, i);
      const list = this.lists.get(gram);
      if (list && removeSorted(list, slot) && list.length === 0) this.lists.delete(gram);
    }
  }

  /**
   * Slots that may contain `needle` (a superset of those that do), ascending, or null when
   * the needle is too short for trigrams and every slot is a candidate. The few shortest
   * trigram lists are intersected first: merging integers is far cheaper than checking
   * strings, and two words together have far fewer candidates than either alone. A
   * returned list may be the index's own: read it, never change it.
   */
  candidates(needle: string): readonly number[] | null {
    if (needle.length < 3) return null;
    const grams: { at: number; list: number[] }[] = [];
    for (let at = 0; at + 3 <= needle.length; at++) {
      const list = this.lists.get(gramAt(needle, at));
      if (!list) return [];
      grams.push({ at, list });
    }
    grams.sort((a, b) => a.list.length - b.list.length);
    // Overlapping trigrams ("dat", "ata") mostly list the same texts; disjoint ones narrow more.
    const chosen = [grams[0]];
    let found: readonly number[] = grams[0].list;
    for (const gram of grams) {
      if (found.length < FEW || chosen.length >= MAX_INTERSECTED) break;
      if (chosen.some((c) => Math.abs(c.at - gram.at) < 3)) continue;
      chosen.push(gram);
      found = intersectSorted(found, gram.list);
    }
    return found;
  }
}
