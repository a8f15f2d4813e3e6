import { CatalogClient } from '../contracts/catalog-client.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { runService } from '../shared/run-service.js';
import { UsersClient } from '../contracts/users-client.js';
import { createApp } from './app.js';
import { loansConfig } from './config.js';
import { openLoans } from './open.js';

await runService('loans', loansConfig, async ({ config, settings, log, tokens }) => {
  const { policy } = settings;
  const parts = await openLoans({
    dir: config.serviceDir,
    policy,
    inventory: InventoryClient.fromConfig(config, tokens),
    catalog: CatalogClient.fromConfig(config, tokens),
    members: UsersClient.fromConfig(config, tokens).memberCheck(),
    log,
    retryMs: settings.retryMs,
    sweepMs: settings.sweepMs,
  });
  log({ level: 'info', msg: `loan policy: ${JSON.stringify({ ...policy, loanPeriodMs: undefined, pickupWindowMs: undefined })}` });
  return { app: createApp({ ...parts, tokens, log, logRequests: config.logRequests }), close: parts.close };
});
