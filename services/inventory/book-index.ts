// In-memory indexes over the store, built once at load and kept up to date by the
// changes that add books and copies, so that no request scans every copy: the cost of a
// take or a listing page depends on one book's copies, not on the size of the catalog.
import { lowerBoundBy } from '../shared/sorted-list.js';
import type { InventoryStore } from './store.js';

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Sorts in natural order, in place. Books and copies are numbered as they are added, so
 * the lists are nearly always in order already: checking takes one comparison a name,
 * sorting with the collator many (150 ms of start-up at 100,000 books).
 */
function sortNaturally(list: string[]): string[] {
  for (let i = 1; i < list.length; i++) if (naturalOrder(list[i - 1], list[i]) > 0) return list.sort(naturalOrder);
  return list;
}

export class BookIndex {
  /** bookId → its barcodes, oldest first (barcodes never move between books). */
  private readonly byBook = new Map<string, string[]>();
  /** Every bookId inventory knows, in natural order ("bk-2" before "bk-10"), for paging. */
  private readonly order: string[] = [];

  static build(store: InventoryStore): BookIndex {
    const index = new BookIndex();
    for (const book of store.values('books')) index.byBook.set(book.bookId, []);
    for (const copy of store.values('copies')) {
      const list = index.byBook.get(copy.bookId);
      if (list) list.push(copy.barcode);
      else index.byBook.set(copy.bookId, [copy.barcode]);
    }
    // A list grown by push keeps room for 16 barcodes, and most books have a few copies:
    // each is replaced by an exact-size copy (12 MiB less at 100,000 books).
    for (const [bookId, list] of index.byBook) index.byBook.set(bookId, sortNaturally(list).slice());
    for (const bookId of index.byBook.keys()) index.order.push(bookId);
    sortNaturally(index.order);
    return index;
  }

  get size(): number {
    return this.order.length;
  }

  has(bookId: string): boolean {
    return this.byBook.has(bookId);
  }

  barcodes(bookId: string): readonly string[] {
    return this.byBook.get(bookId) ?? [];
  }

  /** One page of bookIds, in natural order. */
  page(offset: number, limit: number): string[] {
    return this.order.slice(offset, offset + limit);
  }

  addBook(bookId: string): void {
    if (this.byBook.has(bookId)) return;
    this.byBook.set(bookId, []);
    this.order.splice(this.insertionPoint(bookId), 0, bookId);
  }

  addCopy(bookId: string, barcode: string): void {
    this.addBook(bookId);
    this.byBook.get(bookId)!.push(barcode);
  }

  private insertionPoint(bookId: string): number {
    return lowerBoundBy(this.order, bookId, naturalOrder);
  }
}
