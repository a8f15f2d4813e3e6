import { CatalogClient } from '../catalog/client.js';
import { readInt } from '../shared/config.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { DEFAULT_TAKE_RETENTION_MS, DEFAULT_TAKE_TIMEOUT_MS, openInventory } from './open-inventory.js';

await runService('inventory', async ({ config, log, tokens }) => {
  const inventory = await openInventory({
    dir: config.serviceDir,
    catalog: CatalogClient.fromConfig(config, tokens),
    log,
    takeTimeoutMs: readInt(config.env, 'TAKE_TIMEOUT_MS', DEFAULT_TAKE_TIMEOUT_MS, 50, 24 * 60 * 60 * 1000),
    retentionMs: readInt(config.env, 'TAKE_RETENTION_MS', DEFAULT_TAKE_RETENTION_MS, 1000, 365 * 24 * 60 * 60 * 1000),
  });
  return {
    app: createApp({ inventory, tokens, log, logRequests: config.logRequests }),
    close: () => inventory.close(),
  };
});
