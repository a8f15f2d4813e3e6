import { InventoryClient } from '../inventory/client.js';
import { ChangeFeed } from '../shared/http/change-feed.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { openCatalogStore } from './store.js';

await runService('catalog', async ({ config, log, tokens }) => {
  const store = await openCatalogStore(config.serviceDir);
  const inventory = InventoryClient.fromConfig(config, tokens);
  const feed = new ChangeFeed();
  return {
    app: createApp({ store, inventory, tokens, log, logRequests: config.logRequests, feed }),
    close: async () => {
      feed.close();
      await store.close();
    },
  };
});
