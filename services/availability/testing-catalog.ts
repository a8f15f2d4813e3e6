// The real catalog app, in-process on port 0, seeded from data/seed/books.csv, for the
// reading room's tests. Those tests only read books, which the catalog answers without
// inventory, so its inventory client points at a port where nothing listens.
import path from 'node:path';
import { freePort, listen, type Running } from '../../test/support/http.js';
import { REPO_ROOT } from '../../test/support/processes.js';
import { testTokens } from '../../test/support/tokens.js';
import { createApp } from '../catalog/app.js';
import { seed } from '../catalog/seed.js';
import { openCatalogStore } from '../catalog/store.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { ServiceClient } from '../shared/http/service-client.js';

export async function startCatalog(dataDir: string): Promise<Running> {
  await seed({ dataDir, seedDir: path.join(REPO_ROOT, 'data', 'seed'), env: {} });
  const store = await openCatalogStore(path.join(dataDir, 'catalog'));
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  const inventory = new InventoryClient(new ServiceClient('inventory', nowhere, 1000, testTokens.serviceToken('catalog')));
  const app = await listen(createApp({ store, inventory, tokens: testTokens, log: () => {}, logRequests: false }));
  return {
    url: app.url,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
