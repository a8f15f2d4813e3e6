// For the client's tests: the real users, catalog, inventory and gateway apps, started
// in-process on free loopback ports over a temporary DATA_DIR seeded from data/seed/.
// Loans, orders and availability are not started: their addresses are closed ports, so
// the gateway reports them down (which the status tests rely on).
import type Koa from 'koa';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { CatalogClient } from '../../services/contracts/catalog-client.js';
import { createApp as createCatalog } from '../../services/catalog/app.js';
import { seed as seedCatalog } from '../../services/catalog/seed.js';
import { openCatalogStore } from '../../services/catalog/store.js';
import { createApp as createGateway } from '../../services/gateway/app.js';
import { InventoryClient } from '../../services/contracts/inventory-client.js';
import { createApp as createInventory } from '../../services/inventory/app.js';
import { openInventory } from '../../services/inventory/open.js';
import { seed as seedInventory } from '../../services/inventory/seed.js';
import { SERVICE_NAMES, type ServiceName } from '../../services/shared/config.js';
import { ServiceClient } from '../../services/shared/http/service-client.js';
import { createApp as createUsers } from '../../services/users/app.js';
import { readUsersPolicy } from '../../services/users/policy.js';
import { seed as seedUsers } from '../../services/users/seed.js';
import { openUsersStore } from '../../services/users/store.js';
import { freePort, tempDataDir } from '../../test/support/http.js';
import { REPO_ROOT } from '../../test/support/processes.js';
import { testTokens } from '../../test/support/tokens.js';
import { tempConfigHome } from './io.js';

export const ADMIN_PASSWORD = 'admin-password-for-cli-tests';

export interface LibraryUnderTest {
  /** The gateway: what LIBRARY_URL points at. */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startLibrary(): Promise<LibraryUnderTest> {
  const dataDir = tempDataDir('library-cli-');
  const options = { dataDir, seedDir: path.join(REPO_ROOT, 'data', 'seed'), env: { LIBRARY_ADMIN_PASSWORD: ADMIN_PASSWORD } };
  await seedUsers(options);
  await seedCatalog(options);
  await seedInventory(options);
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) urls[name] = `http://127.0.0.1:${await freePort()}`;
  const log = () => {};
  const client = (name: ServiceName, caller: string) => new ServiceClient(name, urls[name], 2000, testTokens.serviceToken(caller));

  const usersStore = await openUsersStore(path.join(dataDir, 'users'));
  const catalogStore = await openCatalogStore(path.join(dataDir, 'catalog'));
  const inventory = await openInventory({ dir: path.join(dataDir, 'inventory'), catalog: new CatalogClient(client('catalog', 'inventory')), log });
  const servers = [
    await listenOn(createUsers({ store: usersStore, tokens: testTokens, policy: readUsersPolicy({}), log, logRequests: false }), urls.users),
    await listenOn(createCatalog({ store: catalogStore, inventory: new InventoryClient(client('inventory', 'catalog')), tokens: testTokens, log, logRequests: false }), urls.catalog),
    await listenOn(createInventory({ inventory, tokens: testTokens, log, logRequests: false }), urls.inventory),
  ];
  const gatewayPort = await freePort();
  const url = `http://127.0.0.1:${gatewayPort}`;
  const gateway = createGateway({ urls, selfUrl: url, log, logRequests: false, upstreamTimeoutMs: 5000, loginLimit: { max: 1000, windowMs: 60_000 } });
  servers.push(await listenOn(gateway, url));
  return {
    url,
    dataDir,
    async close() {
      await Promise.all(servers.map(closeServer));
      await Promise.all([usersStore.close(), catalogStore.close(), inventory.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function listenOn(app: Koa, url: string): Promise<Server> {
  const server = app.listen(Number(new URL(url).port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export interface LibraryFixture {
  library: LibraryUnderTest;
  /** A config folder (XDG_CONFIG_HOME) of the current test's own. */
  home: string;
}

/** For a describe() block: the services for the whole suite, a fresh config folder per test. */
export function useLibrary(): LibraryFixture {
  const fixture = {} as LibraryFixture;
  let home: ReturnType<typeof tempConfigHome>;
  before(async () => {
    fixture.library = await startLibrary();
  });
  after(() => fixture.library.close());
  beforeEach(() => {
    home = tempConfigHome();
    fixture.home = home.dir;
  });
  afterEach(() => home.remove());
  return fixture;
}
