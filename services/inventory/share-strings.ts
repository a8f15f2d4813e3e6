// JSON.parse gives every record its own copy of each string, though at 100,000 books the
// copies share a handful of statuses and seed times and each book id is repeated by each
// of its copies. Pointing every field at one shared string per value keeps megabytes off
// the heap; each field is set to an equal string, so nothing any reader sees changes.
import type { CopyStatus } from './types.js';
import type { InventoryStore } from './store.js';

export function shareStrings(store: InventoryStore): void {
  const pool = new Map<string, string>();
  const shared = (text: string): string => {
    const known = pool.get(text);
    if (known !== undefined) return known;
    pool.set(text, text);
    return text;
  };
  for (const book of store.values('books')) {
    book.bookId = shared(book.bookId);
    book.updatedAt = shared(book.updatedAt);
  }
  for (const copy of store.values('copies')) {
    copy.bookId = shared(copy.bookId);
    copy.status = shared(copy.status) as CopyStatus;
    copy.updatedAt = shared(copy.updatedAt);
  }
}
