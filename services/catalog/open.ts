// Opens the catalog's files and wires what its app needs beside them: the inventory it
// asks, the mirror of inventory's stock (GET /info/:id), the change feed the gateway's
// cache listens to and the search index, built once the catalog listens
// (background-index.ts). main.ts starts it here.
import type { InventoryClient } from '../contracts/inventory-client.js';
import { ChangeFeed } from '../shared/http/change-feed.js';
import { BackgroundIndex } from './background-index.js';
import { StockMirror } from './stock-mirror.js';
import { openCatalogStore, type CatalogStore } from './store.js';

export interface CatalogOptions {
  /** DATA_DIR/catalog */
  dir: string;
  inventory: InventoryClient;
  /** Where inventory's stock feed is; without it /info asks inventory each time. */
  stockFeed?: { inventoryUrl: string; token: () => Promise<string> };
}

export interface OpenCatalog {
  store: CatalogStore;
  inventory: InventoryClient;
  feed: ChangeFeed;
  stock?: StockMirror;
  index: BackgroundIndex;
  /** Ends the change feed's open answers, then flushes and closes the files. */
  close(): Promise<void>;
}

export async function openCatalog(options: CatalogOptions): Promise<OpenCatalog> {
  const store = await openCatalogStore(options.dir);
  const feed = new ChangeFeed();
  const stock = options.stockFeed && new StockMirror({ ...options.stockFeed, relay: (ids) => feed.publish(ids) });
  stock?.start();
  const index = new BackgroundIndex(store);
  return {
    store,
    inventory: options.inventory,
    feed,
    stock,
    index,
    close: async () => {
      index.stop();
      stock?.stop();
      feed.close();
      await store.close();
    },
  };
}
