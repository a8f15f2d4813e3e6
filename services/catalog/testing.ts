// The catalog as its tests run it: the real app on port 0 against a fresh DATA_DIR,
// seeded from a books.csv, with inventory at a given address (by default a closed port:
// inventory is down).
import type Koa from 'koa';
import { createServer, type Server } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tempDataDir, tempDir } from '../../test/support/http.js';
import { testTokens } from '../../test/support/tokens.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import type { ChangeFeed } from '../shared/http/change-feed.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { createApp } from './app.js';
import { seed } from './seed.js';
import { openCatalogStore, type CatalogStore } from './store.js';

/** Port 9 (discard): nothing listens there on loopback. */
export const CLOSED_PORT_URL = 'http://127.0.0.1:9';

export const SMALL_BOOKS_CSV = [
  'id,isbn,title,authors,topic,year,price,copies,stock',
  'bk-1,9780132350884,"Clean Code","Robert C. Martin",software-engineering,2008,39.99,2,5',
  'bk-2,9780201633610,"Design Patterns","Erich Gamma;Richard Helm",programming,1994,49.99,1,0',
  'bk-3,9780999900024,"RPCs for Noobs","Remote Procedure",distributed-systems,2001,9.99,0,3',
  'bk-4,9781449373320,"Designing Data-Intensive Applications","Martin Kleppmann",distributed-systems,2017,49.99,0,0',
].join('\n');

/** A socket bound now, the app attached later: two apps can then know each other's address. */
export interface Bound {
  url: string;
  attach(app: Koa): void;
  close(): Promise<void>;
}

export async function bind(): Promise<Bound> {
  let handler: ReturnType<Koa['callback']> | null = null;
  const server: Server = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attach: (app) => (handler = app.callback()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function tempSeedDir(booksCsv: string): string {
  const dir = tempDir('catalog-seed-');
  writeFileSync(path.join(dir, 'books.csv'), booksCsv + '\n');
  return dir;
}

export interface CatalogFixture {
  url: string;
  dataDir: string;
  /** DATA_DIR/catalog */
  dir: string;
  store: CatalogStore;
  close(): Promise<void>;
}

export interface CatalogOptions {
  booksCsv?: string;
  /** Seed nothing: an empty catalog. */
  empty?: boolean;
  inventoryUrl?: string;
  /** A socket to serve on (from bind()); otherwise a new one. */
  bound?: Bound;
  /** The change feed the catalog announces on; a fresh one with the defaults otherwise. */
  feed?: ChangeFeed;
}

export async function startCatalog(options: CatalogOptions = {}): Promise<CatalogFixture> {
  const dataDir = tempDataDir('catalog-test-');
  const dir = path.join(dataDir, 'catalog');
  const seedDir = tempSeedDir(options.booksCsv ?? SMALL_BOOKS_CSV);
  if (!options.empty) await seed({ dataDir, seedDir, env: {} });
  const store = await openCatalogStore(dir);
  const inventory = new InventoryClient(new ServiceClient('inventory', options.inventoryUrl ?? CLOSED_PORT_URL, 2000, testTokens.serviceToken('catalog')));
  const bound = options.bound ?? (await bind());
  bound.attach(createApp({ store, inventory, tokens: testTokens, log: () => {}, logRequests: false, feed: options.feed }));
  return {
    url: bound.url,
    dataDir,
    dir,
    store,
    close: async () => {
      await bound.close();
      await store.close();
      for (const folder of [dataDir, seedDir]) rmSync(folder, { recursive: true, force: true });
    },
  };
}
