// The catalog's in-memory search. Each book has a slot; per slot the index keeps its
// folded (lower-cased, accent-free) title and authors in plain arrays, because a query
// touches thousands of them and columns stay far cheaper to walk than one object per
// book. Trigram indexes over the texts and the ISBNs, and lists by topic, give each
// query the narrowest set of candidates; each is confirmed with `includes` and ranked
// by its position in the title order, so the cost follows the candidates, not the books.
import type { Page } from '../shared/http/validate.js';
import { isbnNeedle } from './isbn.js';
import { HitCache, type RankedHits } from './ranked-hits.js';
import { ShortQueryIndex } from './short-query-index.js';
import { BookIdTable } from './book-id-table.js';
import { runAll, runInSlices } from '../shared/slice.js';
import { insertSorted, intersectSorted, removeSorted, type Sorted } from '../shared/sorted-list.js';
import { growInt32, TitleOrder, withRoom } from './title-order.js';
import { fold, GramNumbers, TrigramIndex } from './trigram-index.js';
import type { Book, TopicCount } from '../contracts/catalog.js';

export interface SearchFilter {
  q?: string;
  topic?: string;
  author?: string;
}

export interface IndexOptions {
  cacheBytes?: number;
}

/** Books fill() places between two yields: about half a millisecond. */
const STEP_BOOKS = 256;

const foldAuthors = (names: readonly string[]) => names.map(fold).join('\n');

/**
 * Start-up's folded authors, one string per list: the store points the books it reads
 * with equal lists of authors at one array (store.ts), so each array is folded once and
 * its books share the result (at 100,000 generated books, 62,000 fewer strings, ~3 MiB,
 * and fewer folds). Only start-up holds it; a later write folds its own book. Titles are
 * not pooled: most are distinct, and a map of them cost more start-up time than it saved.
 */
class StartFolds {
  private readonly lists = new Map<readonly string[], string>();

  authors(names: readonly string[]): string {
    let folded = this.lists.get(names);
    if (folded === undefined) this.lists.set(names, (folded = foldAuthors(names)));
    return folded;
  }
}

/** N of "bk-N" (ties in the title order go by it), else after every such number. Read without a RegExp: start-up reads 100,000. */
function idNumber(id: string): number {
  if (id.length < 4 || !id.startsWith('bk-')) return Number.MAX_SAFE_INTEGER;
  for (let i = 3; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return Number.MAX_SAFE_INTEGER;
  }
  return Number(id.slice(3));
}

export class SearchIndex {
  private readonly books: (Book | undefined)[] = [];
  private readonly titles: string[] = [];
  private readonly authors: string[] = []; // folded names, one per line
  private readonly idNums: number[] = [];
  private topicIds: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly topicIdOf = new Map<string, number>();
  private readonly slotOf = new BookIdTable();
  /** Titles and authors apart: a three-letter query's lists are then exactly its title and author matches. */
  private readonly titleGrams = new TrigramIndex();
  private readonly authorGrams = new TrigramIndex();
  private readonly isbns = new TrigramIndex();
  private readonly topicSlots = new Map<string, number[]>();
  /** By title, then by id number, so equal titles keep a stable order. */
  private readonly order = new TitleOrder((a, b) => this.compare(a, b));
  private seen = new Uint32Array(0);
  /**
   * A query's matches are gathered here before the answer is cut to size: arrays as long as
   * the candidates, new for every query, are memory outside V8's heap that only a full
   * collection frees, and tens of megabytes of them piled up under a mix of queries.
   */
  private scratch = new Int32Array(0);
  private scratchOther = new Int32Array(0);
  private generation = 0;
  private readonly cache: HitCache;
  private readonly short = new ShortQueryIndex(this.order.slots, this.titles, this.authors);
  private live: number[] | null = null;

  /** `cacheBytes`: how many bytes recent answers may hold (0: keep none; default 2 MiB). */
  constructor(books: Iterable<Book>, options: IndexOptions = {}) {
    this.cache = new HitCache(options.cacheBytes);
    runAll(this.fill(books));
  }

  /**
   * The index of `books`, built a slice of the event loop at a time (SLICE_MS, shared/slice.ts):
   * the catalog's start-up, after it listens. Resolves once it is whole, or null if `signal`
   * stops the build first. Nothing may read or write it before: it is handed over only then.
   */
  static async inSlices(books: readonly Book[], options: IndexOptions & { sliceMs?: number; signal?: AbortSignal } = {}): Promise<SearchIndex | null> {
    const index = new SearchIndex([], options);
    return (await runInSlices(index.fill(books), options.sliceMs, options.signal)) ? index : null;
  }

  /** Fills the empty index with `books`, as steps of about half a millisecond. */
  private *fill(books: Iterable<Book>): Generator<void, void, undefined> {
    const folds = new StartFolds();
    for (const book of books) {
      this.place(this.books.length, book, folds);
      if (this.books.length % STEP_BOOKS === 0) yield;
    }
    const count = this.books.length;
    if (count > 0) {
      // All at once: compact lists, built without growing or sorting any of them.
      const numbers = new GramNumbers();
      yield* this.titleGrams.addAllSteps(count, (slot) => this.titles[slot], numbers);
      yield* this.authorGrams.addAllSteps(count, (slot) => this.authors[slot], numbers);
      yield* this.isbns.addAllSteps(count, (slot) => this.books[slot]!.isbn, numbers);
    }
    yield* this.order.addAllSteps(this.slotOf.values());
    yield* this.order.listenSteps(this.short);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /**
   * The id of the book holding this ISBN-13, if any. The ISBN trigram lists narrow it to
   * a few books, so no map of every ISBN is kept beside them.
   */
  ownerOf(isbn: string): string | undefined {
    const slots = this.isbns.candidates(isbn) ?? [];
    for (let i = 0; i < slots.length; i++) {
      const book = this.books[slots[i]];
      if (book?.isbn === isbn) return book.id;
    }
    return undefined;
  }

  upsert(book: Book): void {
    const known = this.slotOf.get(book.id);
    if (known !== undefined) this.detach(known);
    const slot = known ?? this.books.length;
    this.attach(slot, book);
    this.order.add(slot);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.detach(slot);
    this.books[slot] = undefined;
    this.titles[slot] = this.authors[slot] = '';
    this.slotOf.delete(id);
  }

  topics(): TopicCount[] {
    return [...this.topicSlots]
      .map(([topic, slots]) => ({ topic, count: slots.length }))
      .sort((a, b) => (a.topic < b.topic ? -1 : 1));
  }

  search(filter: SearchFilter, page: { limit: number; offset: number }): Page<Book> {
    const q = fold(filter.q ?? '');
    const author = fold(filter.author ?? '');
    const { topic } = filter;
    const inOrder = this.order.slots;
    if (!q && !author && topic === undefined) {
      const slots = inOrder.slice(page.offset, page.offset + page.limit);
      return { items: slots.map((slot) => this.books[slot]!), total: inOrder.length };
    }
    if (author === '' && topic === undefined && ShortQueryIndex.covers(q)) {
      const { slots, total } = this.short.page(q, page.offset, page.limit);
      return { items: slots.map((slot) => this.books[slot]!), total };
    }
    const key = `${q}\n${author}\n${topic ?? ''}`;
    const hits = this.cache.get(key) ?? this.match(key, q, isbnNeedle(q), author, topic);
    const items = hits.page(page.offset, page.limit).map((rank) => this.books[inOrder[rank]]!);
    return { items, total: hits.total };
  }

  /**
   * The answer, made and kept under `key`. Title matches come from the title lists, the
   * rest from the author and ISBN lists, each confirmed with `includes` unless its list is
   * exact: a three-character query's trigram list holds exactly the texts containing it,
   * so the commonest short queries are answered without reading a single string.
   */
  private match(key: string, q: string, digits: string | null, author: string, topic?: string): RankedHits {
    const filter = this.filtered(author, topic);
    // The author filter's list is copied by filtered(): both indexes reuse their buffers.
    // Every book only when neither q nor a filter narrows: search() answers that case before.
    const byTitle = q ? this.within(this.titleGrams.candidates(q), filter) : (filter ?? this.allSlots());
    const byAuthor = q ? this.within(this.authorGrams.candidates(q), filter) : [];
    const byIsbn = digits ? this.within(this.isbns.candidates(digits) ?? [], filter) : [];
    const size = byTitle.length + byAuthor.length + byIsbn.length;
    // Scratch kept from query to query; only the answer, cut to size, is new.
    if (this.scratch.length < size) this.scratch = new Int32Array(Math.max(size, this.scratch.length * 2));
    if (this.scratchOther.length < size) this.scratchOther = new Int32Array(this.scratch.length);
    const mark = this.nextMark();
    const exact = q.length === 3;
    const nTitle = this.confirm(byTitle, this.titles, exact || q === '' ? '' : q, author, topic, mark, this.scratch, 0);
    let nOther = this.confirm(byAuthor, this.authors, exact ? '' : q, author, topic, mark, this.scratchOther, 0);
    if (digits !== null) nOther = this.confirmIsbn(byIsbn, digits, author, topic, mark, nOther);
    return this.cache.put(key, this.scratch.subarray(0, nTitle), this.scratchOther.subarray(0, nOther));
  }

  /**
   * Writes the rank of each slot of `list` not yet marked, passing the filters and whose
   * `texts` hold `needle` ('' when the list is exact), into `out` from `n`; marks them.
   * One plain loop over columns: this is the hot path, run once per candidate.
   */
  private confirm(list: Sorted, texts: readonly string[], needle: string, author: string, topic: string | undefined, mark: number, out: Int32Array, n: number): number {
    const { seen, topicIds, authors } = this;
    const rank = this.order.rank();
    const topicId = topic === undefined ? -1 : (this.topicIdOf.get(topic) ?? -2);
    for (let i = 0; i < list.length; i++) {
      const slot = list[i];
      if (seen[slot] === mark) continue;
      if (topicId !== -1 && topicIds[slot] !== topicId) continue;
      if (author !== '' && !authors[slot].includes(author)) continue;
      if (needle !== '' && !texts[slot].includes(needle)) continue;
      seen[slot] = mark;
      out[n++] = rank[slot];
    }
    return n;
  }

  private confirmIsbn(list: Sorted, digits: string, author: string, topic: string | undefined, mark: number, n: number): number {
    const { books, seen, topicIds, authors, scratchOther: out } = this;
    const rank = this.order.rank();
    const topicId = topic === undefined ? -1 : (this.topicIdOf.get(topic) ?? -2);
    for (let i = 0; i < list.length; i++) {
      const slot = list[i];
      if (seen[slot] === mark || (topicId !== -1 && topicIds[slot] !== topicId)) continue;
      if ((author !== '' && !authors[slot].includes(author)) || !books[slot]!.isbn.includes(digits)) continue;
      seen[slot] = mark;
      out[n++] = rank[slot];
    }
    return n;
  }

  /**
   * Candidates by the filters (topic, author), ascending, or null when there are none.
   * Each filter gives an ascending list; intersecting them costs far less than checking strings.
   */
  private filtered(author: string, topic?: string): Sorted | null {
    const each: Sorted[] = [];
    if (topic !== undefined) each.push(this.topicSlots.get(topic) ?? []);
    const byAuthor = author ? this.authorGrams.candidates(author) : null;
    if (byAuthor) each.push(Array.from(byAuthor)); // a copy: the author index reuses its buffer for q
    if (each.length === 0) return null;
    each.sort((a, b) => a.length - b.length);
    return each.slice(1).reduce((found, list) => intersectSorted(found, list), each[0]);
  }

  /** The candidates `list` (null: every book) that the filters let through too. */
  private within(list: Sorted | null, filter: Sorted | null): Sorted {
    if (list === null) return filter ?? this.allSlots();
    if (filter === null) return list;
    return filter.length < list.length ? intersectSorted(filter, list) : intersectSorted(list, filter);
  }

  /** Every live slot, ascending: walking them in memory order beats walking the title order. */
  private allSlots(): readonly number[] {
    this.live ??= this.slotOf.values().sort((a, b) => a - b);
    return this.live;
  }

  private nextMark(): number {
    if (this.seen.length < this.books.length) this.seen = new Uint32Array(withRoom(this.books.length));
    return ++this.generation;
  }

  private attach(slot: number, book: Book): void {
    this.place(slot, book);
    this.changed();
    this.titleGrams.add(slot, this.titles[slot]);
    this.authorGrams.add(slot, this.authors[slot]);
    this.isbns.add(slot, book.isbn);
  }

  /** Everything but the trigram indexes, which start-up fills in one pass; attach() drops the kept answers. */
  private place(slot: number, book: Book, folds?: StartFolds): void {
    this.books[slot] = book;
    this.titles[slot] = fold(book.title);
    this.authors[slot] = folds ? folds.authors(book.authors) : foldAuthors(book.authors);
    this.idNums[slot] = idNumber(book.id);
    if (slot >= this.topicIds.length) this.topicIds = growInt32(this.topicIds, slot);
    if (!this.topicIdOf.has(book.topic)) this.topicIdOf.set(book.topic, this.topicIdOf.size);
    this.topicIds[slot] = this.topicIdOf.get(book.topic)!;
    this.slotOf.set(book.id, slot);
    const slots = this.topicSlots.get(book.topic);
    if (slots) insertSorted(slots, slot);
    else this.topicSlots.set(book.topic, [slot]);
  }

  private detach(slot: number): void {
    const { isbn, topic } = this.books[slot]!;
    this.titleGrams.remove(slot, this.titles[slot]);
    this.authorGrams.remove(slot, this.authors[slot]);
    this.isbns.remove(slot, isbn);
    const slots = this.topicSlots.get(topic)!;
    removeSorted(slots, slot);
    if (slots.length === 0) this.topicSlots.delete(topic);
    this.order.remove(slot);
    this.changed();
  }

  /** Every write moves positions in the title order, so kept answers go stale. */
  private changed(): void {
    this.live = null;
    this.cache.clear();
  }

  private compare(a: number, b: number): number {
    const ta = this.titles[a];
    const tb = this.titles[b];
    if (ta !== tb) return ta < tb ? -1 : 1;
    return this.idNums[a] - this.idNums[b] || (this.books[a]!.id < this.books[b]!.id ? -1 : 1);
  }
}
