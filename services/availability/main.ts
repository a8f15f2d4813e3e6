import { CatalogClient } from '../contracts/catalog-client.js';
import { runService } from '../shared/run-service.js';
import { UsersClient } from '../contracts/users-client.js';
import { createApp } from './app.js';
import { availabilityConfig } from './config.js';
import { openAvailability } from './open.js';

await runService('availability', availabilityConfig, async ({ config, settings, log, tokens }) => {
  const { room, close } = await openAvailability({ dir: config.serviceDir, catalog: CatalogClient.fromConfig(config, tokens), members: UsersClient.fromConfig(config, tokens).memberCheck(), log, ...settings });
  return { app: createApp({ tokens, log, logRequests: config.logRequests, room }), close };
});
