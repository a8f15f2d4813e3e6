// Inventory as its tests run it: the real app on port 0 against a fresh DATA_DIR seeded
// from a small books.csv, with the real catalog app beside it when a test needs one.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp as createCatalogApp } from '../catalog/app.js';
import { CatalogClient } from '../contracts/catalog-client.js';
import { seed as seedCatalog } from '../catalog/seed.js';
import { openCatalogStore } from '../catalog/store.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import type { Clock } from '../shared/clock.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { listen, tempDataDir, tempDir, type Running } from '../../test/support/http.js';
import { testTokens } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { openInventory, type Inventory } from './open.js';
import { seed } from './seed.js';

/** bk-1: 3 copies, 12 units; bk-2: 1 copy, no stock; bk-3: no copies, 5 units. */
export const TEST_BOOKS_CSV = [
  'id,isbn,title,authors,topic,year,price,copies,stock',
  'bk-1,9780999900017,"One",A,t,2001,12.5,3,12',
  'bk-2,9780999900024,"Two",B,t,2002,9.99,1,0',
  'bk-3,9780999900031,"Three",C,t,2003,15,0,5',
].join('\n');

export interface FixtureOptions {
  booksCsv?: string;
  /** Where a catalog started by the caller answers. */
  catalogUrl?: string;
  /** Otherwise: start the real catalog app beside inventory, seeded from the same books.csv. Without either, the catalog is down. */
  withCatalog?: boolean;
  takeTimeoutMs?: number;
  sweepEveryMs?: number;
  retentionMs?: number;
  /** Inventory's clock (the system clock unless a test moves one). */
  clock?: Clock;
}

export interface InventoryFixture {
  url: string;
  /** The catalog's address (a closed port unless `withCatalog`). */
  catalogUrl: string;
  dataDir: string;
  /** DATA_DIR/inventory */
  dir: string;
  inventory: Inventory;
  /** Stops the apps; the files stay, for a test to reopen. */
  close(): Promise<void>;
  /** Stops the apps if they still run, and deletes the temporary folders. */
  dispose(): Promise<void>;
}

/** Port 9 (discard) has nothing listening on loopback: a service that is down. */
const CLOSED_PORT_URL = 'http://127.0.0.1:9';
const log = () => {};

/** A folder holding books.csv, as data/seed/ does. */
export function tempSeedDir(booksCsv: string): string {
  const dir = tempDir('inventory-seed-');
  writeFileSync(path.join(dir, 'books.csv'), booksCsv + '\n');
  return dir;
}

export async function startInventory(options: FixtureOptions = {}): Promise<InventoryFixture> {
  const dataDir = tempDataDir('inventory-test-');
  const seedDir = tempSeedDir(options.booksCsv ?? TEST_BOOKS_CSV);
  await seed({ dataDir, seedDir, env: {} });
  const dir = path.join(dataDir, 'inventory');
  const catalogApp = options.withCatalog && !options.catalogUrl ? await startCatalog(dataDir, seedDir) : null;
  const catalogUrl = options.catalogUrl ?? catalogApp?.url ?? CLOSED_PORT_URL;
  const catalog = new CatalogClient(new ServiceClient('catalog', catalogUrl, 2000, testTokens.serviceToken('inventory')));
  const { takeTimeoutMs, sweepEveryMs, retentionMs, clock } = options;
  const inventory = await openInventory({ dir, catalog, log, takeTimeoutMs, sweepEveryMs, retentionMs, clock });
  const server = await listen(createApp({ inventory, tokens: testTokens, log, logRequests: false }));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
    await inventory.close();
    await catalogApp?.close();
  };
  return {
    url: server.url,
    catalogUrl,
    dataDir,
    dir,
    inventory,
    close,
    dispose: async () => {
      await close();
      for (const folder of [dataDir, seedDir]) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The real catalog app on port 0, with its own files under DATA_DIR/catalog. */
async function startCatalog(dataDir: string, seedDir: string): Promise<Running> {
  await seedCatalog({ dataDir, seedDir, env: {} });
  const store = await openCatalogStore(path.join(dataDir, 'catalog'));
  // The catalog only calls inventory for /info and deletes, which these tests do not use.
  const inventory = new InventoryClient(new ServiceClient('inventory', CLOSED_PORT_URL, 2000, testTokens.serviceToken('catalog')));
  const server = await listen(createCatalogApp({ store, inventory, tokens: testTokens, log, logRequests: false }));
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
