// In-memory indexes over the store, built once at load and kept up to date by following
// the store's writes (follow()), so that no request scans every copy: the cost of a take or
// a listing page depends on one book's copies, not on the size of the catalog.
//
// At start the index is filled after inventory listens (about 0.2 s at 100,000 books and
// 200,000 copies, which /health need not wait for), a slice of the event loop at a time, from
// the books and copies the store held when it opened. Requests wait for the last slice
// (ready(), app.ts); anything else asked of it or written to it before the fill is done
// finishes the fill there and then, so every answer is the whole index's and every write
// lands on a whole index.
import { runAll, runInSlices, type Steps } from '../shared/slice.js';
import { lowerBoundBy } from '../shared/sorted-list.js';
import type { BookRecord, InventoryStore, StoredCopy } from './store.js';

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Where the digits that end `name` begin (name.length if it ends in none). */
function digitsFrom(name: string): number {
  let at = name.length;
  while (at > 0 && isDigit(name.charCodeAt(at - 1))) at--;
  return at;
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** Where the number from `at` to the end of `name` has its first digit that is not a leading zero (its last, if all are). */
function significant(name: string, at: number): number {
  while (at < name.length - 1 && name.charCodeAt(at) === 0x30) at++;
  return at;
}

/**
 * Whether `b` comes before `a` in natural order (the collator's compare(a, b) > 0). Names of
 * one prefix, each ending in a number ("bk-2", "bk-10"; "BC000001"), whose numbers differ are
 * told apart by their numbers, as the collator would, at a tenth of its cost (300,000 names at
 * start-up); any other pair is the collator's.
 */
export function outOfOrder(a: string, b: string): boolean {
  const at = digitsFrom(a);
  if (at === a.length || at !== digitsFrom(b) || at === b.length) return naturalOrder(a, b) > 0;
  for (let i = 0; i < at; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return naturalOrder(a, b) > 0;
  const x = significant(a, at);
  const y = significant(b, at);
  if (a.length - x !== b.length - y) return a.length - x > b.length - y;
  for (let i = 0; x + i < a.length; i++) {
    const d = a.charCodeAt(x + i) - b.charCodeAt(y + i);
    if (d !== 0) return d > 0;
  }
  return naturalOrder(a, b) > 0; // equal numbers ("bk-01", "bk-1"): the collator's tie-break
}

/**
 * Sorts in natural order, in place. Books and copies are numbered as they are added, so
 * the lists are nearly always in order already: checking takes one comparison a name,
 * sorting with the collator many (150 ms of start-up at 100,000 books).
 */
function sortNaturally(list: string[]): string[] {
  for (let i = 1; i < list.length; i++) if (outOfOrder(list[i - 1], list[i])) return list.sort(naturalOrder);
  return list;
}

/** Records, or names, the fill handles between two yields: well under a millisecond. */
const STEP = 1024;

/** What fill() files a book under until its copies come: one list for all, never written to. */
const NO_COPIES_YET: string[] = [];

/** sortNaturally() as steps of STEP checks; a list found out of order is sorted in one step (only hand-made data is). */
function* sortNaturallySteps(list: string[]): Generator<void, void, undefined> {
  for (let i = 1; i < list.length; i++) {
    if (outOfOrder(list[i - 1], list[i])) {
      list.sort(naturalOrder);
      return;
    }
    if (i % STEP === 0) yield;
  }
}

export class BookIndex {
  /** bookId → its barcodes, oldest first (barcodes never move between books). */
  private readonly byBook = new Map<string, string[]>();
  /** Every bookId inventory knows, in natural order ("bk-2" before "bk-10"), for paging. */
  private order: string[] = [];
  /** The rest of the fill while it runs in the background; every method finishes it first. */
  private filling: Steps | null = null;
  private readonly stopper = new AbortController();
  /** Resolves once the background fill is done (or at once): requests wait here, not in finish(). */
  private whole: Promise<void> = Promise.resolve();

  /** The whole index of the store's books and copies, now. */
  static build(store: InventoryStore): BookIndex {
    const index = new BookIndex();
    runAll(index.fill(Array.from(store.values('books')), Array.from(store.values('copies'))));
    index.follow(store);
    return index;
  }

  /**
   * The index of the store's books and copies as they are now, filled `sliceMs` at a time
   * after this returns (inventory's start-up); any use before the fill is done finishes it
   * (requests wait for ready() instead, app.ts). It follows the store's writes (follow()).
   */
  static inBackground(store: InventoryStore, sliceMs?: number): BookIndex {
    const index = new BookIndex();
    const filling = (index.filling = index.fill(Array.from(store.values('books')), Array.from(store.values('copies'))));
    index.whole = runInSlices(filling, sliceMs, index.stopper.signal).then((done) => {
      if (done && index.filling === filling) index.filling = null;
    });
    index.follow(store);
    return index;
  }

  /** Whether the fill is done (it is whenever the index is asked anything). */
  get filled(): boolean {
    return this.filling === null;
  }

  /** Resolves once the fill is done, without finishing it here: a request waits for the slices instead of holding the loop. */
  ready(): Promise<void> {
    return this.filling === null ? Promise.resolve() : this.whole;
  }

  /** Ends a background fill that is not done (closing). */
  stop(): void {
    this.stopper.abort();
  }

  get size(): number {
    this.finish();
    return this.order.length;
  }

  has(bookId: string): boolean {
    this.finish();
    return this.byBook.has(bookId);
  }

  barcodes(bookId: string): readonly string[] {
    this.finish();
    return this.byBook.get(bookId) ?? [];
  }

  /** One page of bookIds, in natural order. */
  page(offset: number, limit: number): string[] {
    this.finish();
    return this.order.slice(offset, offset + limit);
  }

  addBook(bookId: string): void {
    this.finish();
    if (this.byBook.has(bookId)) return;
    this.byBook.set(bookId, []);
    this.order.splice(this.insertionPoint(bookId), 0, bookId);
  }

  addCopy(bookId: string, barcode: string): void {
    this.addBook(bookId);
    this.byBook.get(bookId)!.push(barcode);
  }

  /**
   * The index follows the store's writes as they are applied, and as a failed flush undoes
   * them (json-store.ts): a book or copy comes in with the record, and leaves with it. (Copies
   * and books are never deleted, so one that leaves is an undone add.) Filled from inside a
   * change instead, it kept what a broken store refused or a failed flush took back: a
   * barcode listed with no record behind it, handed out again by the next add.
   */
  private follow(store: InventoryStore): void {
    store.onWrite((collection, id, before, after) => {
      if (collection === 'copies') {
        if (before === undefined && after !== undefined) this.addCopy((after as StoredCopy).bookId, id);
        else if (before !== undefined && after === undefined) this.forgetCopy((before as StoredCopy).bookId, id);
      } else if (collection === 'books') {
        if (before === undefined && after !== undefined) this.addBook(id);
        else if (before !== undefined && after === undefined && this.barcodes(id).length === 0) this.forgetBook(id);
      }
    });
  }

  private forgetCopy(bookId: string, barcode: string): void {
    const list = this.barcodes(bookId) as string[];
    const at = list.lastIndexOf(barcode);
    if (at !== -1) list.splice(at, 1);
  }

  private forgetBook(bookId: string): void {
    if (!this.byBook.delete(bookId)) return;
    const at = this.insertionPoint(bookId);
    if (this.order[at] === bookId) this.order.splice(at, 1);
  }

  private finish(): void {
    if (this.filling === null) return;
    runAll(this.filling);
    this.filling = null;
  }

  /**
   * Fills the empty index, as steps of STEP records, dropping next to nothing: filled after
   * start-up's compacting collection, whatever it drops stays resident among what it keeps
   * (lists grown by push, then copied to their size, left 15 MiB at 100,000 books; a map of
   * counts, 7). A book's copies mostly follow one another in the store (added together), so
   * each such run becomes one list at its size; a book whose copies come in several runs has
   * them joined.
   */
  private *fill(books: readonly BookRecord[], copies: readonly StoredCopy[]): Generator<void, void, undefined> {
    const { byBook } = this;
    // Books in the store's order first, then those only copies name, as they come.
    for (let i = 0; i < books.length; i++) {
      byBook.set(books[i].bookId, NO_COPIES_YET);
      if (i % STEP === STEP - 1) yield;
    }
    for (let i = 0, step = 0; i < copies.length; ) {
      const { bookId } = copies[i];
      let j = i + 1;
      while (j < copies.length && copies[j].bookId === bookId) j++;
      const run = new Array<string>(j - i);
      for (let k = i; k < j; k++) run[k - i] = copies[k].barcode;
      const list = byBook.get(bookId);
      byBook.set(bookId, list === undefined || list === NO_COPIES_YET ? run : list.concat(run));
      if ((step += j - i) >= STEP) {
        step = 0;
        yield;
      }
      i = j;
    }
    this.order = new Array<string>(byBook.size);
    let n = 0;
    for (const [bookId, list] of byBook) {
      if (list === NO_COPIES_YET) byBook.set(bookId, []);
      else sortNaturally(list);
      this.order[n++] = bookId;
      if (n % STEP === 0) yield;
    }
    yield* sortNaturallySteps(this.order);
  }

  private insertionPoint(bookId: string): number {
    return lowerBoundBy(this.order, bookId, naturalOrder);
  }
}
