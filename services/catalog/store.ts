// The catalog's one file pair under DATA_DIR/catalog/: books.json (lowdb snapshot) and
// books.journal (committed changes since the snapshot).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DurableStore } from '../shared/store/json-store.js';
import type { Book } from './types.js';

export type CatalogSchema = { books: Book };
export type CatalogStore = DurableStore<CatalogSchema>;

const NAME = 'books';

export function openCatalogStore(dir: string): Promise<CatalogStore> {
  return DurableStore.open<CatalogSchema>({ dir, name: NAME, collections: ['books'] });
}

/** Whether live catalog data exists in `dir`, even if every book has since been deleted. */
export function catalogStoreExists(dir: string): boolean {
  return existsSync(path.join(dir, `${NAME}.json`)) || existsSync(path.join(dir, `${NAME}.journal`));
}
