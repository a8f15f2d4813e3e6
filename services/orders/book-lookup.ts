// What a purchase needs of the catalog (a book's title and price) without asking it for
// every order. Orders keeps the books it has sold, but uses them only while its
// subscription to the catalog's change feed is live (shared/http/change-subscriber.ts):
// every book change the catalog announces drops that book here before the catalog
// acknowledges the write, so an order placed after a price change was acknowledged has the
// new price; a lost feed drops every book, and each order asks the catalog until the feed
// is back. Without a feed (tests of the rules alone) every order asks.
//
// Orders of one book that arrive together while it is not kept share one catalog call.
// Each order still gets the title and price the catalog gave while that order was placed.
import type { Book } from '../contracts/catalog.js';
import { EVERY_KEY, STOCK_KEY } from '../shared/http/change-feed.js';
import { ChangeSubscriber } from '../shared/http/change-subscriber.js';
import type { CatalogPort } from './service.js';

/** What the catalog answers for a book, with the feed position it was read at. */
export interface BookSource {
  readBook(bookId: string, requestId?: string): Promise<{ book: Book | null; position: string | undefined }>;
}

export interface BookFeed {
  /** The catalog's base URL, e.g. http://127.0.0.1:5001. */
  url: string;
  token: () => Promise<string>;
  leaseMs?: number;
}

/** Books kept at most: a shop's sales are mostly a few titles; the oldest kept goes first. */
export const MAX_KEPT_BOOKS = 10_000;

export class BookLookup implements CatalogPort {
  private readonly running = new Map<string, Promise<Book | null>>();
  private readonly kept = new Map<string, Book>();
  /** Changes the feed has told of (a test reads it: stock changes must not be among them). */
  heard = 0;
  readonly feed: ChangeSubscriber | null;

  constructor(
    private readonly catalog: BookSource,
    feed?: BookFeed,
  ) {
    this.feed =
      feed === undefined
        ? null
        : new ChangeSubscriber({
            ...feed,
            // Stock changes (one per few purchases) say nothing about titles and prices.
            ignore: STOCK_KEY,
            onChange: (keys) => this.changed(keys),
            onLost: () => {
              this.kept.clear();
              this.running.clear(); // the changes missed meanwhile may be of books being read
            },
          });
    this.feed?.start();
  }

  stop(): void {
    this.feed?.stop();
    this.kept.clear();
  }

  /** The shared call carries the request id of the order that started it. */
  getBook(bookId: string, requestId?: string): Promise<Book | null> {
    const kept = this.feed?.usable() ? this.kept.get(bookId) : undefined;
    if (kept) return Promise.resolve(kept);
    let lookup = this.running.get(bookId);
    if (!lookup) {
      const started = this.read(bookId, requestId).finally(() => this.running.get(bookId) === started && this.running.delete(bookId));
      lookup = started;
      this.running.set(bookId, lookup);
    }
    return lookup;
  }

  private async read(bookId: string, requestId?: string): Promise<Book | null> {
    const { book, position } = await this.catalog.readBook(bookId, requestId);
    // Kept only when read after the last change this replica applied: a read the catalog
    // answered before a change of that book must not outlive the change.
    if (book && this.feed?.accepts(position)) {
      this.kept.delete(bookId);
      this.kept.set(bookId, book);
      if (this.kept.size > MAX_KEPT_BOOKS) this.kept.delete(this.kept.keys().next().value!);
    }
    return book;
  }

  /** An order that comes after the change must not join a call the catalog may have answered before it. */
  private changed(keys: string[]): void {
    this.heard++;
    if (keys.includes(EVERY_KEY)) {
      this.kept.clear();
      this.running.clear();
      return;
    }
    for (const key of keys) {
      this.kept.delete(key);
      this.running.delete(key);
    }
  }
}
