// The users service's own settings: how long a login token lives, and how many wrong
// passwords in a row lock an account, and for how long.
import { readInt } from '../shared/config.js';

export interface UsersPolicy {
  tokenTtlSeconds: number;
  /** Wrong passwords in a row from one address that lock the account for that address. */
  maxFailures: number;
  lockSeconds: number;
  /** Wrong passwords from all addresses within accountWindowSeconds that lock it everywhere. */
  accountMaxFailures: number;
  accountWindowSeconds: number;
}

export const DEFAULT_POLICY: UsersPolicy = Object.freeze({
  tokenTtlSeconds: 28_800,
  maxFailures: 5,
  lockSeconds: 600,
  accountMaxFailures: 50,
  accountWindowSeconds: 600,
});

/** Reads TOKEN_TTL_SECONDS, LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS, LOGIN_ACCOUNT_MAX_FAILURES and LOGIN_ACCOUNT_WINDOW_SECONDS; a bad value is a ConfigError. */
export function readUsersPolicy(env: Readonly<Record<string, string | undefined>>): UsersPolicy {
  return Object.freeze({
    tokenTtlSeconds: readInt(env, 'TOKEN_TTL_SECONDS', DEFAULT_POLICY.tokenTtlSeconds, 60, 30 * 86_400),
    maxFailures: readInt(env, 'LOGIN_MAX_FAILURES', DEFAULT_POLICY.maxFailures, 1, 1000),
    lockSeconds: readInt(env, 'LOGIN_LOCK_SECONDS', DEFAULT_POLICY.lockSeconds, 1, 7 * 86_400),
    accountMaxFailures: readInt(env, 'LOGIN_ACCOUNT_MAX_FAILURES', DEFAULT_POLICY.accountMaxFailures, 1, 100_000),
    accountWindowSeconds: readInt(env, 'LOGIN_ACCOUNT_WINDOW_SECONDS', DEFAULT_POLICY.accountWindowSeconds, 1, 7 * 86_400),
  });
}
