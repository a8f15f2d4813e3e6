// The librarian's side of inventory: what there is (copies and stock per book), adding
// copies, marking them missing, withdrawn or found, and setting the stock for sale.
import { isoNow } from '../shared/clock.js';
import { Conflict, NotFound } from '../shared/problem.js';
import type { Page } from '../shared/http/validate.js';
import type { Book } from '../contracts/catalog.js';
import type { InventoryContext } from './context.js';
import { barcodeFor, publicCopy, type BookRecord } from './store.js';
import type { AddCopiesResponse, BookInventory, BookInventoryDetail, Copy, CopyStatus, PatchCopyRequest } from '../contracts/inventory.js';

/** How inventory asks whether a book exists: the catalog client, in production. */
export interface BookLookup {
  getBook(bookId: string, requestId?: string): Promise<Book | null>;
}

/** Statuses a librarian may set by hand, and the ones each may be set from. */
const HAND_TRANSITIONS: Record<PatchCopyRequest['status'], readonly CopyStatus[]> = {
  available: ['missing', 'withdrawn'], // found again, or put back into the collection
  withdrawn: ['available', 'missing'],
  missing: ['available', 'on-loan', 'on-hold-shelf'], // a lent or held copy can go missing too
};

export class InventoryService {
  constructor(
    private readonly ctx: InventoryContext,
    private readonly catalog: BookLookup,
    /** Resolves once the catalog's stock mirror has every stock change so far (stock-feed.ts). */
    private readonly stockAnnounced: () => Promise<void> = async () => {},
  ) {}

  list(page: { limit: number; offset: number }): Page<BookInventory> {
    const items = this.ctx.books.page(page.offset, page.limit).map((bookId) => this.summary(bookId));
    return { items, total: this.ctx.books.size };
  }

  get(bookId: string): BookInventoryDetail {
    if (!this.ctx.books.has(bookId)) throw new NotFound(`inventory has no record of book ${bookId}`);
    const barcodes = this.copies(bookId).map(({ barcode, status }) => ({ barcode, status }));
    return { ...this.summary(bookId), barcodes };
  }

  async addCopies(bookId: string, count: number, requestId?: string): Promise<AddCopiesResponse> {
    await this.requireBook(bookId, requestId);
    const now = isoNow(this.ctx.now);
    return this.ctx.store.change((tx) => {
      if (!tx.get('books', bookId)) tx.put('books', bookId, { bookId, stock: 0, updatedAt: now });
      const barcodes = Array.from({ length: count }, () => barcodeFor(tx.nextSeq('barcode')));
      for (const barcode of barcodes) tx.put('copies', barcode, { barcode, bookId, status: 'available', updatedAt: now });
      return { bookId, barcodes };
    });
  }

  async patchCopy(barcode: string, status: PatchCopyRequest['status']): Promise<Copy> {
    const now = isoNow(this.ctx.now);
    return this.ctx.store.change((tx) => {
      const copy = tx.get('copies', barcode);
      if (!copy) throw new NotFound(`no copy has the barcode ${barcode}`);
      if (copy.status === status) return publicCopy(copy);
      // A copy lent and then marked missing still belongs to its loan until it is returned.
      const inCirculation = copy.status === 'on-loan' || copy.status === 'on-hold-shelf' || copy.takeId !== undefined;
      if (status !== 'missing' && inCirculation) {
        const where = copy.takeId && copy.status === 'missing' ? 'missing while on loan' : copy.status;
        throw new Conflict('copy-in-circulation', 'Copy in circulation', `copy ${barcode} is ${where}; it comes back by being returned`, {
          barcode,
          status: copy.status,
        });
      }
      if (!HAND_TRANSITIONS[status].includes(copy.status)) {
        throw new Conflict('invalid-transition', 'Invalid status change', `a ${copy.status} copy cannot be marked ${status}`, { barcode, status: copy.status });
      }
      const next = { ...copy, status, updatedAt: now };
      tx.put('copies', barcode, next);
      return publicCopy(next);
    });
  }

  async setStock(bookId: string, stock: number, requestId?: string): Promise<BookInventory> {
    await this.requireBook(bookId, requestId);
    const now = isoNow(this.ctx.now);
    await this.ctx.store.change((tx) => {
      const record: BookRecord = { bookId, stock, updatedAt: now };
      tx.put('books', bookId, record);
    });
    // A librarian's stock write is seen by the next /info through any gateway (a purchase's is not waited for).
    await this.stockAnnounced();
    return this.summary(bookId);
  }

  private summary(bookId: string): BookInventory {
    const copies = this.copies(bookId);
    const inCollection = copies.filter((copy) => copy.status !== 'withdrawn');
    return {
      bookId,
      copies: { total: inCollection.length, available: copies.filter((copy) => copy.status === 'available').length },
      stock: this.ctx.store.get('books', bookId)?.stock ?? 0,
    };
  }

  private copies(bookId: string) {
    return this.ctx.books.barcodes(bookId).map((barcode) => this.ctx.store.get('copies', barcode)!);
  }

  private async requireBook(bookId: string, requestId?: string): Promise<void> {
    const book = await this.catalog.getBook(bookId, requestId);
    if (!book) throw new NotFound(`the catalog has no book ${bookId}`, 'unknown-book');
  }
}
