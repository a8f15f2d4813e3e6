import assert from 'node:assert/strict';
import { ConfigError } from '../shared/config.js';
import { DEFAULT_POLICY, readUsersPolicy } from './policy.js';

describe('readUsersPolicy()', () => {
  it('defaults to 8-hour tokens and a 10-minute lock after 5 failures', () => {
    assert.deepEqual(readUsersPolicy({}), { tokenTtlSeconds: 28_800, maxFailures: 5, lockSeconds: 600 });
    assert.deepEqual(readUsersPolicy({}), DEFAULT_POLICY);
  });

  it('reads TOKEN_TTL_SECONDS, LOGIN_MAX_FAILURES and LOGIN_LOCK_SECONDS', () => {
    const policy = readUsersPolicy({ TOKEN_TTL_SECONDS: '3600', LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '60' });
    assert.deepEqual(policy, { tokenTtlSeconds: 3600, maxFailures: 3, lockSeconds: 60 });
  });

  const bad: [string, string][] = [
    ['LOGIN_MAX_FAILURES', '0'],
    ['LOGIN_MAX_FAILURES', 'five'],
    ['LOGIN_LOCK_SECONDS', '-1'],
    ['LOGIN_LOCK_SECONDS', '1.5'],
    ['TOKEN_TTL_SECONDS', '10'],
  ];
  for (const [name, value] of bad) {
    it(`fails fast on ${name}=${value}, naming the variable`, () => {
      assert.throws(() => readUsersPolicy({ [name]: value }), (error: Error) => error instanceof ConfigError && error.message.includes(name));
    });
  }
});
