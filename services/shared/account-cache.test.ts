import assert from 'node:assert/strict';
import type { AccountState } from './auth.js';
import { cachedAccounts } from './account-cache.js';

describe('cachedAccounts()', () => {
  const active: AccountState = { role: 'member', active: true, tokenVersion: 0 };

  it('asks users once per account within the bound, and again after it', async () => {
    let t = 0;
    const asked: string[] = [];
    let state = active;
    const lookup = cachedAccounts(async (username) => (asked.push(username), state), 30_000, () => t);
    assert.deepEqual(await lookup('ann'), active);
    state = { ...active, active: false, tokenVersion: 1 };
    t = 29_999;
    assert.deepEqual(await lookup('ann'), active, 'within the bound the cached state stands');
    t = 30_000;
    assert.deepEqual(await lookup('ann'), state, 'at the bound the change is seen');
    assert.deepEqual(asked, ['ann', 'ann']);
  });

  it('shares one call among concurrent misses', async () => {
    let calls = 0;
    const lookup = cachedAccounts(async () => (calls++, await new Promise((r) => setTimeout(r, 10)), active), 1000);
    await Promise.all([lookup('ann'), lookup('ann'), lookup('ann')]);
    assert.equal(calls, 1);
  });

  it('keeps no entry for a failed call: the next request asks again', async () => {
    let fail = true;
    const lookup = cachedAccounts(async () => {
      if (fail) throw new Error('users is down');
      return active;
    }, 1000);
    await assert.rejects(lookup('ann'), /users is down/);
    fail = false;
    assert.deepEqual(await lookup('ann'), active);
  });
});
