// Inventory's records after loading: statuses, seed times and book ids pointed at one
// string each (see shared/store/string-pool.ts); each record's key field at its map key.
import { stringPool } from '../shared/store/string-pool.js';
import type { CopyStatus } from '../contracts/inventory.js';
import type { InventoryStore } from './store.js';

export function shareStrings(store: InventoryStore): void {
  const shared = stringPool();
  for (const [bookId, book] of store.entries('books')) {
    shared(bookId); // first, so the map's key is the string every equal book id points at
    book.bookId = shared(book.bookId);
    book.updatedAt = shared(book.updatedAt);
  }
  for (const [barcode, copy] of store.entries('copies')) {
    if (copy.barcode === barcode) copy.barcode = barcode;
    copy.bookId = shared(copy.bookId);
    copy.status = shared(copy.status) as CopyStatus;
    copy.updatedAt = shared(copy.updatedAt);
  }
}
