import assert from 'node:assert/strict';
import { ConfigError } from '../shared/config.js';
import { DEFAULT_POLICY, readUsersPolicy } from './policy.js';

describe('readUsersPolicy()', () => {
  it('defaults to 8-hour tokens and a 10-minute lock after 5 failures', () => {
    assert.deepEqual(readUsersPolicy({}), { tokenTtlSeconds: 28_800, maxFailures: 5, lockSeconds: 600, accountMaxFailures: 50, accountWindowSeconds: 600 });
    assert.deepEqual(readUsersPolicy({}), DEFAULT_POLICY);
  });

  it('reads TOKEN_TTL_SECONDS, LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS and the account-wide LOGIN_ACCOUNT_*', () => {
    const env = { TOKEN_TTL_SECONDS: '3600', LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '60', LOGIN_ACCOUNT_MAX_FAILURES: '20', LOGIN_ACCOUNT_WINDOW_SECONDS: '300' };
    assert.deepEqual(readUsersPolicy(env), { tokenTtlSeconds: 3600, maxFailures: 3, lockSeconds: 60, accountMaxFailures: 20, accountWindowSeconds: 300 });
  });

  const bad: [string, string][] = [
    ['LOGIN_MAX_FAILURES', '0'],
    ['LOGIN_MAX_FAILURES', 'five'],
    ['LOGIN_LOCK_SECONDS', '-1'],
    ['LOGIN_LOCK_SECONDS', '1.5'],
    ['TOKEN_TTL_SECONDS', '10'],
    ['LOGIN_ACCOUNT_MAX_FAILURES', '0'],
  ];
  for (const [name, value] of bad) {
    it(`fails fast on ${name}=${value}, naming the variable`, () => {
      assert.throws(() => readUsersPolicy({ [name]: value }), (error: Error) => error instanceof ConfigError && error.message.includes(name));
    });
  }
});
