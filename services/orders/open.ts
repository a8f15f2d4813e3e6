// Opens the orders service's files, repairs what a crash left undone, and wires the
// service together (its background repair included). main.ts and the tests both start
// the service this way.
import type { LogFn } from '../shared/http/request-log.js';
import { BookLookup, type BookFeed, type BookSource } from './book-lookup.js';
import { Reconciler } from './reconciler.js';
import { OrderService, type InventoryPort } from './service.js';
import { openOrderFiles } from './store.js';

export interface OrdersOptions {
  /** DATA_DIR/orders */
  dir: string;
  catalog: BookSource;
  /** The catalog's change feed, so that books read once are kept (book-lookup.ts); each order asks the catalog without it. */
  catalogFeed?: BookFeed;
  inventory: InventoryPort;
  log: LogFn;
  /** Pause between background retries of releases and confirmations. */
  retryMs: number;
}

export interface OpenOrders {
  orders: OrderService;
  reconciler: Reconciler;
  /** The books kept from the catalog (book-lookup.ts). */
  books: BookLookup;
  /** Resolves once every change made so far is on disk (background bookkeeping too). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function openOrders(options: OrdersOptions): Promise<OpenOrders> {
  const files = await openOrderFiles(options.dir);
  const { store, orderLog } = files;
  const reconciler = new Reconciler({ store, orderLog, inventory: options.inventory, log: options.log, retryMs: options.retryMs });
  try {
    await reconciler.repair();
  } catch (error) {
    await files.close();
    throw error;
  }
  reconciler.start();
  const books = new BookLookup(options.catalog, options.catalogFeed);
  const orders = new OrderService({ store, orderLog, catalog: books, inventory: options.inventory, reconciler, log: options.log });
  return {
    orders,
    reconciler,
    books,
    flush: () => store.flush(),
    close: async () => {
      books.stop();
      await reconciler.stop();
      await files.close();
    },
  };
}
