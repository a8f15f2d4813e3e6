import { InventoryClient } from '../contracts/inventory-client.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { catalogConfig } from './config.js';
import { openCatalog } from './open.js';

await runService('catalog', catalogConfig, async ({ config, log, tokens }) => {
  const catalog = await openCatalog({
    dir: config.serviceDir,
    inventory: InventoryClient.fromConfig(config, tokens),
    stockFeed: { inventoryUrl: config.urls.inventory, token: tokens.serviceToken('catalog') },
  });
  return {
    app: createApp({ ...catalog, tokens, log, logRequests: config.logRequests }),
    endStreams: () => catalog.feed.close(),
    close: catalog.close,
  };
});
