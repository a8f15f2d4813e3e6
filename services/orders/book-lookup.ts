// Orders of one book that arrive together share one catalog call. Each order still gets
// the title and price the catalog gave while that order was being placed; under load this
// removes most catalog round trips from the purchase path (the shop's hot books are few).
import type { Book } from '../contracts/catalog.js';
import type { CatalogPort } from './service.js';

export class BookLookup implements CatalogPort {
  private readonly running = new Map<string, Promise<Book | null>>();

  constructor(private readonly catalog: CatalogPort) {}

  /** The shared call carries the request id of the order that started it. */
  getBook(bookId: string, requestId?: string): Promise<Book | null> {
    let lookup = this.running.get(bookId);
    if (!lookup) {
      lookup = this.catalog.getBook(bookId, requestId).finally(() => this.running.delete(bookId));
      this.running.set(bookId, lookup);
    }
    return lookup;
  }
}
