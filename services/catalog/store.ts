// The catalog's one file pair under DATA_DIR/catalog/: books.json (lowdb snapshot) and
// books.journal (committed changes since the snapshot).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DurableStore } from '../shared/store/json-store.js';
import { stringPool } from '../shared/store/string-pool.js';
import type { Book } from './types.js';

export type CatalogSchema = { books: Book };
export type CatalogStore = DurableStore<CatalogSchema>;

const NAME = 'books';

export async function openCatalogStore(dir: string): Promise<CatalogStore> {
  const store = await DurableStore.open<CatalogSchema>({ dir, name: NAME, collections: ['books'] });
  shareStrings(store);
  return store;
}

/**
 * Topics, author names and seed times pointed at one string each, and each book's id at
 * its map key (shared/store/string-pool.ts).
 */
function shareStrings(store: CatalogStore): void {
  const shared = stringPool();
  for (const [id, book] of store.entries('books')) {
    if (book.id === id) book.id = id;
    book.topic = shared(book.topic);
    for (let i = 0; i < book.authors.length; i++) book.authors[i] = shared(book.authors[i]);
    book.createdAt = shared(book.createdAt);
    book.updatedAt = shared(book.updatedAt);
  }
}

/** Whether live catalog data exists in `dir`, even if every book has since been deleted. */
export function catalogStoreExists(dir: string): boolean {
  return existsSync(path.join(dir, `${NAME}.json`)) || existsSync(path.join(dir, `${NAME}.journal`));
}
