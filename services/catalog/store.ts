// The catalog's one file pair under DATA_DIR/catalog/: books.json (lowdb snapshot) and
// books.journal (committed changes since the snapshot).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DurableStore, type Faults } from '../shared/store/json-store.js';
import { stringPool } from '../shared/store/string-pool.js';
import type { Book } from '../contracts/catalog.js';

export type CatalogSchema = { books: Book };
export type CatalogStore = DurableStore<CatalogSchema>;

const NAME = 'books';

/** `faults` is the store's test hook for a failing disk (shared/store/append-file.ts). */
export async function openCatalogStore(dir: string, faults?: Faults): Promise<CatalogStore> {
  let pools: Pools | null = null;
  const store = await DurableStore.open<CatalogSchema>({
    dir,
    name: NAME,
    collections: ['books'],
    faults,
    validate: (_collection, book) => faultOf(book as Partial<Book>),
    prepare: (_collection, id, book) => shareFields((pools ??= newPools()), id, book as Book),
  });
  // The pools hold every distinct list of authors: only reading the files needs them.
  pools = null;
  return store;
}

interface Pools {
  text: (text: string) => string;
  lists: ListNode;
}

/** Lists of authors by their names in turn: the list ending here, and the longer ones. */
interface ListNode {
  list?: string[];
  next?: Map<string, ListNode>;
}

const newPools = (): Pools => ({ text: stringPool(), lists: {} });

/** What the store refuses to start on: a book it could not have written. */
function faultOf(book: Partial<Book>): string | undefined {
  if (typeof book.title !== 'string' || book.title === '') return 'has no title';
  if (!Array.isArray(book.authors)) return 'has no list of authors';
  return undefined;
}

/**
 * Topics, author names and seed times pointed at one string each, each book's id at its
 * map key (shared/store/string-pool.ts), and equal lists of authors at one array, as each
 * book is read at start (at 100,000 generated books, 38,000 distinct lists). Sharing an
 * array is safe because no one changes a stored book: every write stores a new one
 * (composeBook copies its authors).
 */
function shareFields(pools: Pools, id: string, book: Book): void {
  const { text } = pools;
  if (book.id === id) book.id = id;
  book.topic = text(book.topic);
  const { authors } = book;
  let node = pools.lists;
  for (let i = 0; i < authors.length; i++) {
    const name = (authors[i] = text(authors[i]));
    node.next ??= new Map();
    let child = node.next.get(name);
    if (!child) node.next.set(name, (child = {}));
    node = child;
  }
  book.authors = node.list ??= authors;
  book.createdAt = text(book.createdAt);
  book.updatedAt = text(book.updatedAt);
}

/** Whether live catalog data exists in `dir`, even if every book has since been deleted. */
export function catalogStoreExists(dir: string): boolean {
  return existsSync(path.join(dir, `${NAME}.json`)) || existsSync(path.join(dir, `${NAME}.journal`));
}
