import { CatalogClient } from '../catalog/client.js';
import { InventoryClient } from '../inventory/client.js';
import { readInt } from '../shared/config.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { bootOrders } from './boot.js';

await runService('orders', async ({ config, log, tokens }) => {
  const retryMs = readInt(config.env, 'ORDERS_RETRY_MS', 2000, 50, 600_000);
  const { orders, reconciler, close } = await bootOrders({
    dir: config.serviceDir,
    catalog: CatalogClient.fromConfig(config, tokens),
    inventory: InventoryClient.fromConfig(config, tokens),
    log,
    retryMs,
  });
  return { app: createApp({ tokens, log, logRequests: config.logRequests, orders, reconciler }), close };
});
