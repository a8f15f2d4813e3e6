// The users service as a Koa app: accounts, login and the lockout. Never listens, never
// reads the environment: main.ts and the tests hand it everything.
import type Koa from 'koa';
import type { Tokens } from '../shared/auth.js';
import { createServiceApp } from '../shared/create-service-app.js';
import { LOOPBACK, parseTrustedProxies, type TrustedProxies } from '../shared/http/client-address.js';
import type { LogFn } from '../shared/http/request-log.js';
import { LoginService } from './login.js';
import { usersOpenApi } from './openapi.js';
import type { UsersPolicy } from './policy.js';
import { usersRouter } from './routes.js';
import type { Clock } from '../shared/clock.js';
import { UsersService } from './service.js';
import { accountState, type UsersStore } from './store.js';

export interface UsersAppDeps {
  store: UsersStore;
  tokens: Tokens;
  policy: UsersPolicy;
  log: LogFn;
  logRequests: boolean;
  /** Whose X-Forwarded-For names the client (USERS_TRUSTED_PROXIES); the loopback (the gateway) when not given. */
  trustedProxies?: TrustedProxies;
  /** Milliseconds since the epoch; tests move it to let a lock run out. */
  now?: Clock;
}

export function createApp(deps: UsersAppDeps): Koa {
  const logins = new LoginService(deps.store, deps.tokens, deps.policy, deps.now);
  const users = new UsersService(deps.store, logins, deps.now);
  return createServiceApp({
    service: 'users',
    tokens: deps.tokens,
    log: deps.log,
    logRequests: deps.logRequests,
    routers: [usersRouter(users, logins, deps.trustedProxies ?? parseTrustedProxies(LOOPBACK, 'USERS_TRUSTED_PROXIES'))],
    // Decided with the account as stored now, never with the token's claims alone.
    accounts: async (username) => accountState(deps.store.get('users', username)),
    health: () => ({ users: users.count() }),
    openapi: usersOpenApi,
  });
}
