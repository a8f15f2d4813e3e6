// The users service's own knobs (the common ones are in shared/config.ts), read and
// checked at start-up; the README's Users configuration table lists them.
import type { ServiceSchema } from '../shared/config.js';
import { readUsersPolicy, type UsersPolicy } from './policy.js';

export interface UsersConfig {
  /** TOKEN_TTL_SECONDS, LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS */
  policy: UsersPolicy;
}

export const usersConfig: ServiceSchema<UsersConfig> = (env) => ({ policy: readUsersPolicy(env) });
