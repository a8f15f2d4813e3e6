// Opens inventory's files and builds everything its app needs; main.ts and the tests
// both start inventory through here, so they run the same code. The index of books and
// copies is filled after inventory listens (book-index.ts).
import { systemClock, type Clock } from '../shared/clock.js';
import type { LogFn } from '../shared/http/request-log.js';
import { BookIndex } from './book-index.js';
import type { InventoryContext } from './context.js';
import { CopyTakes } from './copy-takes.js';
import { InventoryService, type BookLookup } from './service.js';
import { StockFeed } from './stock-feed.js';
import { StockTakes } from './stock-takes.js';
import { openInventoryStore, type InventoryStore } from './store.js';
import { Sweeper } from './sweeper.js';
import { TakeTracker } from './take-tracker.js';

export const DEFAULT_TAKE_TIMEOUT_MS = 120_000;
export const DEFAULT_TAKE_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface InventoryOptions {
  /** DATA_DIR/inventory */
  dir: string;
  catalog: BookLookup;
  log: LogFn;
  takeTimeoutMs?: number;
  retentionMs?: number;
  /** How often the sweeper runs; by default a quarter of the take timeout, within 20 ms..1 s. */
  sweepEveryMs?: number;
  compactAfterBytes?: number;
  clock?: Clock;
}

export interface Inventory {
  store: InventoryStore;
  service: InventoryService;
  copies: CopyTakes;
  stock: StockTakes;
  sweeper: Sweeper;
  /** Every change of a book's stock, for the catalog's mirror of it (GET /info/:id). */
  feed: StockFeed;
  /** Resolves once the index of books and copies is filled (book-index.ts). */
  indexed(): Promise<void>;
  /** Stops the sweeper, then flushes and closes the files. */
  close(): Promise<void>;
}

export async function openInventory(options: InventoryOptions): Promise<Inventory> {
  const store = await openInventoryStore(options.dir, options.compactAfterBytes);
  const takeTimeoutMs = options.takeTimeoutMs ?? DEFAULT_TAKE_TIMEOUT_MS;
  const ctx: InventoryContext = {
    store,
    books: BookIndex.inBackground(store),
    takes: TakeTracker.build(store),
    takeTimeoutMs,
    now: options.clock ?? systemClock,
  };
  const copies = new CopyTakes(ctx);
  const stock = new StockTakes(ctx);
  const sweeper = new Sweeper(ctx, copies, stock, {
    everyMs: options.sweepEveryMs ?? Math.min(1000, Math.max(20, Math.floor(takeTimeoutMs / 4))),
    retentionMs: options.retentionMs ?? DEFAULT_TAKE_RETENTION_MS,
    log: options.log,
  });
  sweeper.start();
  const feed = new StockFeed(store);
  return {
    store,
    service: new InventoryService(ctx, options.catalog, () => feed.announced()),
    copies,
    stock,
    sweeper,
    feed,
    indexed: () => ctx.books.ready(),
    close: async () => {
      ctx.books.stop();
      feed.close();
      await sweeper.stop();
      await store.close();
    },
  };
}
