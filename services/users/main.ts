// The users service process: port 5002 (USERS_PORT), files under DATA_DIR/users.
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { readUsersPolicy } from './policy.js';
import { openUsersStore } from './store.js';

await runService('users', async ({ config, log, tokens }) => {
  const policy = readUsersPolicy(config.env);
  const store = await openUsersStore(config.serviceDir);
  const librarians = [...store.values('users')].filter((u) => u.role === 'librarian' && u.active).length;
  // Still starts: members can register and log in; only librarian work has to wait.
  if (librarians === 0) log({ level: 'warn', msg: 'no active librarian: run ./setup.sh to create the admin account' });
  return {
    app: createApp({ store, tokens, policy, log, logRequests: config.logRequests }),
    close: () => store.close(),
  };
});
