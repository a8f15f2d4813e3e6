// What the users tests share: the real app on port 0 over a seeded temporary DATA_DIR,
// a clock the tests can move, and a `call` that checks every answer for leaked secrets.
import assert from 'node:assert/strict';
import path from 'node:path';
import { listen, send, tempDataDir, type Reply, type SendOptions } from '../../test/support/http.js';
import { testTokens } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { DEFAULT_POLICY, type UsersPolicy } from './policy.js';
import { seed } from './seed.js';
import { openUsersStore, type UsersStore } from './store.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface UsersUnderTest {
  url: string;
  dataDir: string;
  /** DATA_DIR/users, the service's own files. */
  dir: string;
  store: UsersStore;
  /** Moves the service's clock forward (it starts at the real time). */
  advance(ms: number): void;
  call<T = any>(method: string, route: string, options?: SendOptions): Promise<Reply<T>>;
  /** Registers a member and logs them in; returns their token. */
  member(username: string, password?: string): Promise<string>;
  /** Stops the app and opens it again over the same files, as a restarted process would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Every password any test sent, so that no answer can be caught echoing one. */
const passwordsSent = new Set<string>([ADMIN_PASSWORD]);

export async function startUsers(policy: Partial<UsersPolicy> = {}): Promise<UsersUnderTest> {
  const dataDir = tempDataDir('library-users-');
  await seed({ dataDir, seedDir: path.join(dataDir, 'no-seed'), env: { LIBRARY_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  const clock = { offset: 0 };
  const kit = await boot(dataDir, { ...DEFAULT_POLICY, ...policy }, clock);
  return Object.assign(kit, {
    restart: async () => {
      await kit.close();
      const again = await boot(dataDir, { ...DEFAULT_POLICY, ...policy }, clock);
      Object.assign(kit, again);
    },
  });
}

async function boot(dataDir: string, policy: UsersPolicy, clock: { offset: number }): Promise<Omit<UsersUnderTest, 'restart'>> {
  const dir = path.join(dataDir, 'users');
  const store = await openUsersStore(dir);
  const app = createApp({ store, tokens: testTokens, policy, log: () => {}, logRequests: false, now: () => Date.now() + clock.offset });
  const server = await listen(app);
  const call = async <T = any>(method: string, route: string, options: SendOptions = {}) => {
    const password = (options.json as { password?: unknown } | undefined)?.password;
    if (typeof password === 'string' && password.length >= 8) passwordsSent.add(password);
    const reply = await send<T>(server.url, method, route, options);
    assertNoSecrets(reply);
    return reply;
  };
  const member = async (username: string, password = `${username}-secret-pw`) => {
    const registered = await call('POST', '/register', { json: { username, password, name: `Name of ${username}`, email: `${username}@example.org` } });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const login = await call('POST', '/login', { json: { username, password } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    return login.body.token as string;
  };
  let closed = false;
  return {
    url: server.url,
    dataDir,
    dir,
    store,
    advance: (ms) => {
      clock.offset += ms;
    },
    call,
    member,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      await store.close();
    },
  };
}

/** No answer holds a hash or a password; a successful one does not even say "password". */
export function assertNoSecrets(reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? '');
  assert.ok(!text.includes('$argon2'), `an answer carried a password hash: ${text}`);
  for (const password of passwordsSent) assert.ok(!text.includes(password), `an answer carried a password: ${text}`);
  if (reply.status < 300) assert.ok(!/password/i.test(text), `a ${reply.status} answer mentions a password: ${text}`);
}
