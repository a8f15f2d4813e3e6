// Inventory's stock on a change feed (GET /internal/changes), for the catalog's mirror of it
// (catalog/stock-mirror.ts), so that GET /info/:id need not ask inventory each time.
//
// The feed is asynchronous: no stock write waits for the catalog, and a purchase's stock
// take above all never does (the catalog may be slow, or down). A change of a book's stock
// is announced once it is on disk (or once a failed flush has undone it: memory is then
// what the disk holds), with the stock the book has by then. One frame is out at a time:
// the changes made while it waits for the catalog's acknowledgement go out together in the
// next (under a stream of purchases, one frame, and one acknowledgement by each of the
// catalog and the gateways behind it, per several takes instead of per take). A librarian's
// PUT /inventory/:id/stock waits for the acknowledgement of the frame that carries it
// (announced()), so the next /info through any gateway shows it; after a purchase, /info may
// show the stock from before it for as long as two frames take.
import { ChangeFeed } from '../shared/http/change-feed.js';
import { NextBatch } from '../shared/next-batch.js';
import type { BookRecord, InventoryStore } from './store.js';

export class StockFeed {
  readonly feed: ChangeFeed;
  /** Books whose stock changed, one frame out at a time (shared/next-batch.ts). */
  private readonly frames: NextBatch<string, undefined>;

  constructor(private readonly store: InventoryStore) {
    // A new subscriber starts from the stock of every book that has some.
    this.feed = new ChangeFeed({ snapshot: () => stockParts(store) });
    this.frames = new NextBatch((books) => this.announce([...books.keys()]));
    store.onWrite((collection, id, before, after) => {
      if (collection !== 'books') return;
      if ((before as BookRecord | undefined)?.stock === (after as BookRecord | undefined)?.stock) return;
      this.frames.add(id, undefined);
    });
  }

  /** Resolves once every stock change so far has been acknowledged by the catalog (or it was cut off). */
  announced(): Promise<void> {
    return this.frames.idle();
  }

  close(): void {
    this.feed.close();
  }

  // A batch goes out a microtask after its first write, once that change() has queued its
  // journal line, so the durable read below waits for that line.
  private async announce(ids: string[]): Promise<void> {
    await this.store.read(() => undefined).catch(() => undefined);
    await this.feed.publish(ids, this.stockOf(ids));
  }

  private stockOf(ids: readonly string[]): Record<string, number> {
    const stock: Record<string, number> = {};
    for (const id of ids) stock[id] = this.store.get('books', id)?.stock ?? 0;
    return stock;
  }
}

/** Books per part of the snapshot: about 40 KB of JSON, well under a millisecond to read. */
export const STOCK_PART_BOOKS = 2000;

/**
 * The stock of every book that has some, STOCK_PART_BOOKS at a time, each part read from
 * the store as it is sent (the store's Map iterates live: a book changed before its part
 * is sent goes out with its new stock, one changed after it is in a later change frame).
 */
function* stockParts(store: InventoryStore, size = STOCK_PART_BOOKS): Iterator<Record<string, number>> {
  let part: Record<string, number> = {};
  let n = 0;
  for (const book of store.values('books')) {
    if (book.stock <= 0) continue;
    part[book.bookId] = book.stock;
    if (++n < size) continue;
    yield part;
    part = {};
    n = 0;
  }
  if (n > 0) yield part;
}
