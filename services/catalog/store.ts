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
  const shared = stringPool();
  return DurableStore.open<CatalogSchema>({
    dir,
    name: NAME,
    collections: ['books'],
    faults,
    validate: (_collection, book) => faultOf(book as Partial<Book>),
    prepare: (_collection, id, book) => shareStrings(shared, id, book as Book),
  });
}

/** What the store refuses to start on: a book it could not have written. */
function faultOf(book: Partial<Book>): string | undefined {
  if (typeof book.title !== 'string' || book.title === '') return 'has no title';
  if (!Array.isArray(book.authors)) return 'has no list of authors';
  return undefined;
}

/**
 * Topics, author names and seed times pointed at one string each, and each book's id at
 * its map key (shared/store/string-pool.ts), as each book is read at start.
 */
function shareStrings(shared: (text: string) => string, id: string, book: Book): void {
  if (book.id === id) book.id = id;
  book.topic = shared(book.topic);
  for (let i = 0; i < book.authors.length; i++) book.authors[i] = shared(book.authors[i]);
  book.createdAt = shared(book.createdAt);
  book.updatedAt = shared(book.updatedAt);
}

/** Whether live catalog data exists in `dir`, even if every book has since been deleted. */
export function catalogStoreExists(dir: string): boolean {
  return existsSync(path.join(dir, `${NAME}.json`)) || existsSync(path.join(dir, `${NAME}.journal`));
}
