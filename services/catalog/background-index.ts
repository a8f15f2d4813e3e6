// The catalog's search index is built after the service listens: at 100,000 books it is
// about a second of CPU, which /health, book details, writes and the change feed need not
// wait for. It is built a slice of the event loop at a time (shared/slice.ts), so no request
// waits behind it for more than a slice. Until it is whole:
// - a search (and the list of topics) waits for it: part of an index would answer wrong,
//   and the wait is bounded by the build's own time;
// - a write goes to the store as ever and its book's id is noted; when the index is whole,
//   each noted id is read again from the store, before any waiting search runs, so the
//   index holds what the store holds (a write a failed flush undid included);
// - the ISBN check of a write reads the store's books instead of the index (a few
//   milliseconds a write at 100,000 books, for the writes of that second).
import type { Book } from '../contracts/catalog.js';
import { SearchIndex } from './search-index.js';
import type { CatalogStore } from './store.js';

export interface BackgroundIndexOptions {
  /** How long one slice of the build may run (default SLICE_MS). */
  sliceMs?: number;
  /** The index's cache of recent answers, in bytes (default 2 MiB). */
  cacheBytes?: number;
}

/** What waiting searches get when the catalog closes before its index is whole. */
export class IndexStopped extends Error {}

export class BackgroundIndex {
  private index: SearchIndex | null = null;
  /** Books written while the index is built, to read again once it is whole. */
  private noted: Set<string> | null = new Set();
  private readonly stopper = new AbortController();
  private readonly whole: Promise<SearchIndex>;

  /** Starts building the index of the store's books as they are now; writes from now on go through upsert() and remove(). */
  constructor(
    private readonly store: CatalogStore,
    options: BackgroundIndexOptions = {},
  ) {
    const books = Array.from(store.values('books'));
    const { signal } = this.stopper;
    this.whole = SearchIndex.inSlices(books, { ...options, signal }).then((index) => {
      if (!index) throw new IndexStopped('the catalog closed before its search index was built');
      return this.handOver(index);
    });
    // A failed build is a bug: it stops the process, as a failure to start does.
    this.whole.catch((error: unknown) => {
      if (!(error instanceof IndexStopped)) throw error;
    });
  }

  /** The index, once whole; null while it is built. */
  get built(): SearchIndex | null {
    return this.index;
  }

  /** Resolves with the index once it is whole. */
  ready(): Promise<SearchIndex> {
    return this.whole;
  }

  get size(): number {
    return this.index ? this.index.size : this.store.count('books');
  }

  /** The id of the book holding this ISBN-13, if any, with every write applied so far. */
  ownerOf(isbn: string): string | undefined {
    if (this.index) return this.index.ownerOf(isbn);
    for (const [id, book] of this.store.entries('books')) if (book.isbn === isbn) return id;
    return undefined;
  }

  upsert(book: Book): void {
    if (this.index) this.index.upsert(book);
    else this.noted!.add(book.id);
  }

  remove(id: string): void {
    if (this.index) this.index.remove(id);
    else this.noted!.add(id);
  }

  /** Ends the build (closing): searches still waiting are refused with IndexStopped. */
  stop(): void {
    this.stopper.abort();
  }

  private handOver(index: SearchIndex): SearchIndex {
    for (const id of this.noted!) {
      const book = this.store.get('books', id);
      if (book) index.upsert(book);
      else index.remove(id);
    }
    this.noted = null;
    this.index = index;
    return index;
  }
}
