// Inventory's records as the store reads them at start: statuses, seed times and book ids
// pointed at one string each (see shared/store/string-pool.ts); each record's key field at
// its map key. It runs as the store's `prepare` hook, before a record is kept (and frozen
// in tests), because stored records are never changed afterwards.
import { stringPool } from '../shared/store/string-pool.js';
import type { CopyStatus } from '../contracts/inventory.js';
import type { BookRecord, StoredCopy } from './store.js';

/** A `prepare` hook for one store's start: one pool for all its records. */
export function stringSharer(): (collection: string, id: string, record: object) => void {
  const shared = stringPool();
  return (collection, id, record) => {
    if (collection === 'books') {
      const book = record as BookRecord;
      shared(id); // first, so the map's key is the string every equal book id points at
      book.bookId = shared(book.bookId);
      book.updatedAt = shared(book.updatedAt);
    } else if (collection === 'copies') {
      const copy = record as StoredCopy;
      if (copy.barcode === id) copy.barcode = id;
      copy.bookId = shared(copy.bookId);
      copy.status = shared(copy.status) as CopyStatus;
      copy.updatedAt = shared(copy.updatedAt);
    }
  };
}
