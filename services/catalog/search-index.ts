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
import { insertSorted, intersectSorted, removeSorted, type Sorted } from '../shared/sorted-list.js';
import { growInt32, TitleOrder } from './title-order.js';
import { fold, TrigramIndex } from './trigram-index.js';
import type { Book, TopicCount } from '../contracts/catalog.js';

export interface SearchFilter {
  q?: string;
  topic?: string;
  author?: string;
}

type Lists = readonly Sorted[];

const idNumber = (id: string) => Number(/^bk-(\d+)$/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);

export class SearchIndex {
  private readonly books: (Book | undefined)[] = [];
  private readonly titles: string[] = [];
  private readonly authors: string[] = []; // folded names, one per line
  private readonly idNums: number[] = [];
  private topicIds: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly topicIdOf = new Map<string, number>();
  private readonly slotOf = new Map<string, number>();
  private readonly text = new TrigramIndex();
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

  /** `cacheBytes`: how many bytes recent answers may hold (0: keep none; default 8 MiB). */
  constructor(books: Iterable<Book>, options: { cacheBytes?: number } = {}) {
    this.cache = new HitCache(options.cacheBytes);
    for (const book of books) this.place(this.books.length, book);
    // All at once: compact lists, built without growing or sorting any of them.
    this.text.addAll(this.books.length, (slot) => this.textOf(slot));
    this.isbns.addAll(this.books.length, (slot) => this.books[slot]!.isbn);
    this.order.addAll([...this.slotOf.values()]);
    this.order.listen(this.short);
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

  /** The answer, made and kept under `key`. */
  private match(key: string, q: string, digits: string | null, author: string, topic?: string): RankedHits {
    const lists = this.narrowest(q, digits, author, topic) ?? [this.allSlots()];
    const size = lists.reduce((sum, list) => sum + list.length, 0);
    // Scratch kept from query to query; only the answer, cut to size, is new.
    if (this.scratch.length < size) this.scratch = new Int32Array(Math.max(size, this.scratch.length * 2));
    if (this.scratchOther.length < size) this.scratchOther = new Int32Array(this.scratch.length);
    const { scratch: titleHits, scratchOther: otherHits } = this;
    const mark = lists.length > 1 ? this.nextMark() : 0;
    const { books, titles, authors, topicIds, seen } = this;
    const rank = this.order.rank();
    const topicId = topic === undefined ? -1 : (this.topicIdOf.get(topic) ?? -2);
    let nTitle = 0;
    let nOther = 0;
    // One plain loop over columns: this is the hot path, run once per candidate.
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        const slot = list[i];
        if (mark !== 0) {
          if (seen[slot] === mark) continue;
          seen[slot] = mark;
        }
        if (topicId !== -1 && topicIds[slot] !== topicId) continue;
        const names = authors[slot];
        if (author !== '' && !names.includes(author)) continue;
        if (q === '' || titles[slot].includes(q)) titleHits[nTitle++] = rank[slot];
        else if (names.includes(q) || (digits !== null && books[slot]!.isbn.includes(digits))) otherHits[nOther++] = rank[slot];
      }
    }
    return this.cache.put(key, titleHits.subarray(0, nTitle), otherHits.subarray(0, nOther));
  }

  /**
   * Candidate lists that together hold every match, or null for "every book". Each filter
   * gives an ascending list; intersecting them costs far less than checking strings. A
   * query that may be an ISBN gives two lists (text, ISBN) whose union is its candidates.
   */
  private narrowest(q: string, digits: string | null, author: string, topic?: string): Lists | null {
    const each: Sorted[] = [];
    if (topic !== undefined) each.push(this.topicSlots.get(topic) ?? []);
    const authorList = author ? this.text.candidates(author) : null;
    // The text index reuses its buffer for the next list it unpacks: the query's own, below.
    const byAuthor = authorList && q ? Array.from(authorList) : authorList;
    if (byAuthor) each.push(byAuthor);
    const byText = q ? this.text.candidates(q) : null;
    const union = byText && digits ? [byText, this.isbns.candidates(digits) ?? []] : null;
    if (byText && !union) each.push(byText);
    if (each.length === 0) return union;
    each.sort((a, b) => a.length - b.length);
    const both = each.slice(1).reduce((found, list) => intersectSorted(found, list), each[0]);
    return union && union[0].length + union[1].length < both.length ? union : [both];
  }

  /** Every live slot, ascending: walking them in memory order beats walking the title order. */
  private allSlots(): readonly number[] {
    this.live ??= [...this.slotOf.values()].sort((a, b) => a - b);
    return this.live;
  }

  private nextMark(): number {
    if (this.seen.length < this.books.length) this.seen = new Uint32Array(this.books.length * 2);
    return ++this.generation;
  }

  private attach(slot: number, book: Book): void {
    this.place(slot, book);
    this.text.add(slot, this.textOf(slot));
    this.isbns.add(slot, book.isbn);
  }

  /** Everything but the trigram indexes, which start-up fills in one pass. */
  private place(slot: number, book: Book): void {
    this.books[slot] = book;
    this.titles[slot] = fold(book.title);
    this.authors[slot] = book.authors.map(fold).join('\n');
    this.idNums[slot] = idNumber(book.id);
    if (slot >= this.topicIds.length) this.topicIds = growInt32(this.topicIds, slot);
    if (!this.topicIdOf.has(book.topic)) this.topicIdOf.set(book.topic, this.topicIdOf.size);
    this.topicIds[slot] = this.topicIdOf.get(book.topic)!;
    this.slotOf.set(book.id, slot);
    const slots = this.topicSlots.get(book.topic);
    if (slots) insertSorted(slots, slot);
    else this.topicSlots.set(book.topic, [slot]);
    this.changed();
  }

  private detach(slot: number): void {
    const { isbn, topic } = this.books[slot]!;
    this.text.remove(slot, this.textOf(slot));
    this.isbns.remove(slot, isbn);
    const slots = this.topicSlots.get(topic)!;
    removeSorted(slots, slot);
    if (slots.length === 0) this.topicSlots.delete(topic);
    this.order.remove(slot);
    this.changed();
  }

  private textOf(slot: number): string {
    return `${this.titles[slot]}\n${this.authors[slot]}`;
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
