// The users service process: port 5002 (USERS_PORT), files under DATA_DIR/users.
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { usersConfig } from './config.js';
import { openUsers } from './open.js';

await runService('users', usersConfig, async ({ config, settings, log, tokens }) => {
  const users = await openUsers({ dir: config.serviceDir, log });
  return {
    app: createApp({ store: users.store, tokens, policy: settings.policy, trustedProxies: settings.trustedProxies, log, logRequests: config.logRequests }),
    close: users.close,
  };
});
