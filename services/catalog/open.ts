// Opens the catalog's files and wires what its app needs beside them: the inventory it
// asks and the change feed the gateway's cache listens to. main.ts starts it here.
import type { InventoryClient } from '../contracts/inventory-client.js';
import { ChangeFeed } from '../shared/http/change-feed.js';
import { openCatalogStore, type CatalogStore } from './store.js';

export interface CatalogOptions {
  /** DATA_DIR/catalog */
  dir: string;
  inventory: InventoryClient;
}

export interface OpenCatalog {
  store: CatalogStore;
  inventory: InventoryClient;
  feed: ChangeFeed;
  /** Ends the change feed's open answers, then flushes and closes the files. */
  close(): Promise<void>;
}

export async function openCatalog(options: CatalogOptions): Promise<OpenCatalog> {
  const store = await openCatalogStore(options.dir);
  const feed = new ChangeFeed();
  return {
    store,
    inventory: options.inventory,
    feed,
    close: async () => {
      feed.close();
      await store.close();
    },
  };
}
