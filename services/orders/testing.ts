// The shop as its tests run it: the real catalog, inventory and orders apps on port 0
// against one fresh DATA_DIR seeded from a small books.csv. Orders can be stopped and
// started again on the same files; catalog and inventory can be stopped to play "down".
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createApp as createCatalogApp } from '../catalog/app.js';
import { CatalogClient } from '../contracts/catalog-client.js';
import { seed as seedCatalog } from '../catalog/seed.js';
import { openCatalogStore } from '../catalog/store.js';
import { createApp as createInventoryApp } from '../inventory/app.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { openInventory } from '../inventory/open.js';
import { seed as seedInventory } from '../inventory/seed.js';
import { tempSeedDir } from '../inventory/testing.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { CsvLog } from '../shared/store/csv-log.js';
import { listen, send, tempDataDir, type Running } from '../../test/support/http.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { openOrders, type OpenOrders } from './open.js';
import { seed } from './seed.js';
import { ORDER_LOG_FILE } from './store.js';

/** bk-1: 10 units at 12.50; bk-2: a title a spreadsheet would run, 5 units; bk-3: none for sale. */
export const SHOP_BOOKS_CSV = [
  'id,isbn,title,authors,topic,year,price,copies,stock',
  'bk-1,9780999900017,"Ten Units",A,t,2001,12.5,0,10',
  'bk-2,9780999900024,"=HYPERLINK(""http://evil.example"")",B,t,2002,9.99,0,5',
  'bk-3,9780999900031,"Sold Out",C,t,2003,15,0,0',
].join('\n');

const silent = () => {};

export interface Shop {
  /** Where orders answers (changes when orders is started again). */
  url: string;
  dataDir: string;
  /** DATA_DIR/orders */
  dir: string;
  inventoryUrl: string;
  catalogUrl: string;
  booted: OpenOrders;
  /** Units of a book for sale now, as inventory says. */
  stockOf(bookId: string): Promise<number>;
  /** order_log.csv, parsed. */
  logRows(): Record<string, string>[];
  logText(): string;
  stopOrders(): Promise<void>;
  startOrders(): Promise<void>;
  stopCatalog(): Promise<void>;
  stopInventory(): Promise<void>;
  close(): Promise<void>;
}

export interface ShopOptions {
  booksCsv?: string;
  retryMs?: number;
  /** Orders not started yet, e.g. to prepare its files first. */
  ordersStopped?: boolean;
}

export async function startShop(options: ShopOptions = {}): Promise<Shop> {
  const dataDir = tempDataDir('orders-test-');
  const seedDir = tempSeedDir(options.booksCsv ?? SHOP_BOOKS_CSV);
  const seedOptions = { dataDir, seedDir, env: {} };
  await seedCatalog(seedOptions);
  await seedInventory(seedOptions);
  await seed(seedOptions);
  const catalog = await startCatalog(dataDir);
  const inventory = await startInventory(dataDir, catalog.url);
  const dir = path.join(dataDir, 'orders');
  const librarian = await tokenFor('librarian', 'librarian');
  const shop: Shop = {
    url: '',
    dataDir,
    dir,
    inventoryUrl: inventory.url,
    catalogUrl: catalog.url,
    booted: undefined as unknown as OpenOrders,
    stockOf: async (bookId) => (await send(inventory.url, 'GET', `/inventory/${bookId}`, { token: librarian })).body.stock,
    logText: () => readFileSync(path.join(dir, ORDER_LOG_FILE), 'utf8'),
    logRows: () => CsvLog.parseText(shop.logText(), ORDER_LOG_FILE),
    stopOrders: async () => {},
    startOrders: async () => {
      const orders = await startOrders(dir, catalog.url, inventory.url, options.retryMs ?? 100);
      shop.url = orders.url;
      shop.booted = orders.booted;
      shop.stopOrders = orders.close;
    },
    stopCatalog: () => catalog.close(),
    stopInventory: () => inventory.close(),
    close: async () => {
      await shop.stopOrders();
      await Promise.all([inventory.close(), catalog.close()]);
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(seedDir, { recursive: true, force: true });
    },
  };
  if (!options.ordersStopped) await shop.startOrders();
  return shop;
}

/** Closing twice is harmless, so a test may stop a service and the fixture still clean up. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= close());
}

async function startOrders(dir: string, catalogUrl: string, inventoryUrl: string, retryMs: number) {
  const token = testTokens.serviceToken('orders');
  const booted = await openOrders({
    dir,
    catalog: new CatalogClient(new ServiceClient('catalog', catalogUrl, 2000, token)),
    inventory: new InventoryClient(new ServiceClient('inventory', inventoryUrl, 2000, token)),
    log: silent,
    retryMs,
  });
  const server = await listen(createApp({ tokens: testTokens, log: silent, logRequests: false, orders: booted.orders, reconciler: booted.reconciler }));
  return {
    url: server.url,
    booted,
    close: once(async () => {
      await server.close();
      await booted.close();
    }),
  };
}

async function startCatalog(dataDir: string): Promise<Running> {
  const store = await openCatalogStore(path.join(dataDir, 'catalog'));
  // The catalog asks inventory only for /info and deletes, which these tests do not use.
  const inventory = new InventoryClient(new ServiceClient('inventory', 'http://127.0.0.1:9', 2000, testTokens.serviceToken('catalog')));
  const server = await listen(createCatalogApp({ store, inventory, tokens: testTokens, log: silent, logRequests: false }));
  return {
    url: server.url,
    close: once(async () => {
      await server.close();
      await store.close();
    }),
  };
}

async function startInventory(dataDir: string, catalogUrl: string): Promise<Running> {
  const catalog = new CatalogClient(new ServiceClient('catalog', catalogUrl, 2000, testTokens.serviceToken('inventory')));
  const inventory = await openInventory({ dir: path.join(dataDir, 'inventory'), catalog, log: silent });
  const server = await listen(createInventoryApp({ inventory, tokens: testTokens, log: silent, logRequests: false }));
  return {
    url: server.url,
    close: once(async () => {
      await server.close();
      await inventory.close();
    }),
  };
}

/** Waits until orders has no release or confirmation left to retry. */
export async function settled(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await send(url, 'GET', '/health')).body;
    if (health.pending.releases === 0 && health.pending.confirms === 0 && health.inFlight === 0) return;
    if (Date.now() > deadline) throw new Error(`orders still has work pending after ${timeoutMs} ms: ${JSON.stringify(health.pending)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
