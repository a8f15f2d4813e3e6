// The catalog's rules: books are unique by ISBN, numbered bk-1, bk-2, … in the order
// they are added, and a book stays while inventory still holds copies or stock of it.
import type { InventoryClient } from '../contracts/inventory-client.js';
import { isoNow, systemClock, type Clock } from '../shared/clock.js';
import { Conflict, NotFound } from '../shared/problem.js';
import { paginate, roundMoney, type Page } from '../shared/http/validate.js';
import type { Tx } from '../shared/store/json-store.js';
import { StorageUnavailable } from '../shared/store/storage-unavailable.js';
import { BackgroundIndex } from './background-index.js';
import type { SearchFilter, SearchIndex } from './search-index.js';
import { SearchTurns } from './search-turns.js';
import type { CatalogSchema, CatalogStore } from './store.js';
import type { Book, BookInfo, BookInput, BookPatch, BookSummary, TopicCount } from '../contracts/catalog.js';

interface PageRequest {
  limit: number;
  offset: number;
}

/** A book with its fields in the contract's order, the price in cents and no empty year. */
export function composeBook(id: string, input: BookInput, createdAt: string, updatedAt: string): Book {
  const year = input.year === undefined ? {} : { year: input.year };
  const { isbn, title, topic } = input;
  return { id, isbn, title, authors: [...input.authors], topic, ...year, price: roundMoney(input.price), createdAt, updatedAt };
}

export class CatalogService {
  private readonly turns = new SearchTurns();

  constructor(
    private readonly store: CatalogStore,
    private readonly inventory: InventoryClient,
    private readonly now: Clock = systemClock,
    /** Tells every holder of a copy (gateway caches) that these books changed; resolves once they all know. */
    private readonly announce: (bookIds: string[]) => Promise<void> = async () => {},
    /** Inventory's stock as the catalog mirrors it (stock-mirror.ts), when it can tell. */
    private readonly mirror: { stockOf(bookId: string): number | undefined } = { stockOf: () => undefined },
    /** The search index, built after the catalog listens (background-index.ts); writes keep it. */
    private readonly index: BackgroundIndex = new BackgroundIndex(store),
  ) {}

  get count(): number {
    return this.index.size;
  }

  /** Whether the search index is whole (searches meanwhile wait for it); in /health. */
  get searchIndex(): 'building' | 'ready' {
    return this.index.built ? 'ready' : 'building';
  }

  /**
   * Run in slices of the event loop (search-turns.ts), so a burst of searches never holds it
   * long; while the index is still being built, once it is whole.
   */
  search(filter: SearchFilter, page: PageRequest): Promise<Page<Book>> {
    const run = (index: SearchIndex) => this.turns.run(() => index.search(filter, page));
    const built = this.index.built;
    return built ? run(built) : this.index.ready().then(run);
  }

  get(id: string): Book {
    const book = this.store.get('books', id);
    if (!book) throw new NotFound(`there is no book ${id}`, 'unknown-book');
    return book;
  }

  async topics(page: PageRequest): Promise<Page<TopicCount>> {
    const index = this.index.built ?? (await this.index.ready());
    return paginate(index.topics(), page);
  }

  async byTopic(topic: string, page: PageRequest): Promise<Page<BookSummary>> {
    const { items, total } = await this.search({ topic }, page);
    return { items: items.map(({ id, title }) => ({ id, title })), total };
  }

  async info(id: string, requestId?: string): Promise<BookInfo> {
    const { title, topic, price } = this.get(id);
    const mirrored = this.mirror.stockOf(id);
    if (mirrored !== undefined) return { id, title, topic, price, stock: mirrored };
    // No inventory record yet means nothing is for sale.
    const held = await this.inventory.summary(id, requestId);
    return { id, title, topic, price, stock: held?.stock ?? 0 };
  }

  create(input: BookInput): Promise<Book> {
    const at = isoNow(this.now);
    return this.write((tx) => {
      this.assertIsbnFree(input.isbn);
      const book = composeBook(`bk-${tx.nextSeq('book')}`, input, at, at);
      tx.put('books', book.id, book);
      return book;
    });
  }

  /** PUT: every editable field is replaced; a missing `year` is removed. */
  replace(id: string, input: BookInput): Promise<Book> {
    return this.write((tx) => {
      const old = this.existing(tx, id);
      this.assertIsbnFree(input.isbn, id);
      const book = composeBook(id, input, old.createdAt, isoNow(this.now));
      tx.put('books', id, book);
      return book;
    });
  }

  patch(id: string, patch: BookPatch): Promise<Book> {
    return this.write((tx) => {
      const old = this.existing(tx, id);
      const { year, ...rest } = patch;
      const merged: BookInput = { ...old, ...rest, year: year === null ? undefined : (year ?? old.year) };
      if (rest.isbn !== undefined) this.assertIsbnFree(rest.isbn, id);
      const book = composeBook(id, merged, old.createdAt, isoNow(this.now));
      tx.put('books', id, book);
      return book;
    });
  }

  /** Refused while inventory holds copies (other than withdrawn ones) or stock of the book. */
  async remove(id: string, requestId?: string): Promise<void> {
    this.get(id);
    const held = await this.inventory.getBook(id, requestId);
    if (held) {
      const copies = (held.barcodes ?? []).filter((copy) => copy.status !== 'withdrawn').length;
      if (copies > 0 || held.stock > 0) {
        const detail = `${id} still has ${copies} copies that are not withdrawn and ${held.stock} units for sale in inventory; withdraw the copies and set the stock to 0 first`;
        throw new Conflict('book-in-use', 'Book in use', detail, { copies, stock: held.stock });
      }
    }
    await this.store
      .change((tx) => {
        this.existing(tx, id); // a concurrent delete may have won while inventory answered
        tx.remove('books', id);
        this.index.remove(id);
      })
      .catch((error: unknown) => this.undone(id, error));
    await this.announce([id]);
  }

  /**
   * Runs a change and mirrors it into the search index before anything else can run, so
   * the ISBN check of the next request already sees this one; resolves once durable and
   * announced, so that no gateway replica answers from a copy made before it. If the store
   * undoes the change (disk full), the index is put back too.
   */
  private async write(fn: (tx: Tx<CatalogSchema>) => Book): Promise<Book> {
    let id: string | undefined;
    const book = await this.store
      .change((tx) => {
        const book = fn(tx);
        id = book.id;
        this.index.upsert(book);
        return book;
      })
      .catch((error: unknown) => this.undone(id, error));
    await this.announce([book.id]);
    return book;
  }

  /**
   * A refused or failed change left the store as it was (store/README.md): so is the index.
   * A failed flush's change was applied in memory and read meanwhile (a copy kept by orders or a
   * gateway may hold it): it is announced too, so no copy of what the disk never held outlives it.
   */
  private async undone(id: string | undefined, error: unknown): Promise<never> {
    const book = id === undefined ? undefined : this.store.get('books', id);
    if (book) this.index.upsert(book);
    else if (id !== undefined) this.index.remove(id);
    if (id !== undefined && error instanceof StorageUnavailable) await this.announce([id]).catch(() => {});
    throw error;
  }

  private existing(tx: Tx<CatalogSchema>, id: string): Book {
    const book = tx.get('books', id);
    if (!book) throw new NotFound(`there is no book ${id}`, 'unknown-book');
    return book;
  }

  private assertIsbnFree(isbn: string, self?: string): void {
    const owner = this.index.ownerOf(isbn);
    if (owner !== undefined && owner !== self) {
      throw new Conflict('duplicate-isbn', 'Duplicate ISBN', `ISBN ${isbn} already belongs to ${owner}`, { isbn, bookId: owner });
    }
  }
}
