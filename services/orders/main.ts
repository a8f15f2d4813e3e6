import { CatalogClient } from '../contracts/catalog-client.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { ordersConfig } from './config.js';
import { openOrders } from './open.js';

await runService('orders', ordersConfig, async ({ config, settings, log, tokens }) => {
  const { orders, reconciler, close } = await openOrders({
    dir: config.serviceDir,
    catalog: CatalogClient.fromConfig(config, tokens),
    catalogFeed: { url: config.urls.catalog, token: tokens.serviceToken(config.service) },
    inventory: InventoryClient.fromConfig(config, tokens),
    log,
    retryMs: settings.retryMs,
  });
  return { app: createApp({ tokens, log, logRequests: config.logRequests, orders, reconciler }), close };
});
