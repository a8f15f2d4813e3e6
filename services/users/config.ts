// The users service's own knobs (the common ones are in shared/config.ts), read and
// checked at start-up; the README's Users configuration table lists them.
import type { ServiceSchema } from '../shared/config.js';
import { LOOPBACK, parseTrustedProxies, type TrustedProxies } from '../shared/http/client-address.js';
import { readUsersPolicy, type UsersPolicy } from './policy.js';

export interface UsersConfig {
  /** TOKEN_TTL_SECONDS, LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS */
  policy: UsersPolicy;
  /**
   * USERS_TRUSTED_PROXIES: the gateways (addresses or IPv4 CIDR blocks) whose X-Forwarded-For
   * names the client a lockout is counted against; loopback by default. In containers, the
   * stack network's block (compose.yaml, deploy/k8s).
   */
  trustedProxies: TrustedProxies;
}

export const usersConfig: ServiceSchema<UsersConfig> = (env) => ({
  policy: readUsersPolicy(env),
  trustedProxies: parseTrustedProxies(env.USERS_TRUSTED_PROXIES || LOOPBACK, 'USERS_TRUSTED_PROXIES'),
});
