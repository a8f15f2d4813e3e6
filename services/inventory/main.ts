import { CatalogClient } from '../contracts/catalog-client.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { inventoryConfig } from './config.js';
import { openInventory } from './open.js';

await runService('inventory', inventoryConfig, async ({ config, settings, log, tokens }) => {
  const inventory = await openInventory({ dir: config.serviceDir, catalog: CatalogClient.fromConfig(config, tokens), log, ...settings });
  return {
    app: createApp({ inventory, tokens, log, logRequests: config.logRequests }),
    endStreams: () => inventory.feed.close(),
    close: () => inventory.close(),
  };
});
