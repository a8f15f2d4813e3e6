import path from 'node:path';
import { CatalogClient } from '../catalog/client.js';
import { InventoryClient } from '../inventory/client.js';
import { readInt } from '../shared/config.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { openLoans } from './open.js';
import { loadPolicy } from './policy.js';
import { POLICY_FILE } from './store.js';

await runService('loans', async ({ config, log, tokens }) => {
  const policy = loadPolicy(path.join(config.serviceDir, POLICY_FILE), config.env);
  const parts = await openLoans({
    dir: config.serviceDir,
    policy,
    inventory: InventoryClient.fromConfig(config, tokens),
    catalog: CatalogClient.fromConfig(config, tokens),
    log,
    retryMs: readInt(config.env, 'LOANS_RETRY_MS', 2000, 50, 600_000),
    sweepMs: readInt(config.env, 'LOANS_SWEEP_MS', 1000, 50, 600_000),
  });
  log({ level: 'info', msg: `loan policy: ${JSON.stringify({ ...policy, loanPeriodMs: undefined, pickupWindowMs: undefined })}` });
  return { app: createApp({ ...parts, tokens, log, logRequests: config.logRequests }), close: parts.close };
});
