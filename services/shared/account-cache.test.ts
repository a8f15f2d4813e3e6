import assert from 'node:assert/strict';
import type { Middleware } from 'koa';
import { authenticate, Tokens, type AccountState, type Principal } from './auth.js';
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

describe('authenticate() with cachedAccounts()', () => {
  const secret = 'a-test-secret-of-at-least-32-characters';

  async function caller(middleware: Middleware, token: string): Promise<Principal> {
    const ctx = { get: (name: string) => (name === 'authorization' ? `Bearer ${token}` : ''), state: {} as { user?: Principal } };
    await (middleware as unknown as (ctx: unknown, next: () => Promise<void>) => Promise<void>)(ctx, async () => {});
    return ctx.state.user!;
  }

  it('takes a token issued after the account changed at once, while the kept state still refuses the older one', async () => {
    const tokens = new Tokens(secret);
    let state: AccountState = { role: 'member', active: true, tokenVersion: 0 };
    let calls = 0;
    const check = authenticate(tokens, cachedAccounts(async () => (calls++, state), 30_000, () => 0));
    const before = (await tokens.issue({ username: 'ann', role: 'member', tokenVersion: 0 }, 600)).token;
    assert.equal((await caller(check, before)).username, 'ann');
    state = { ...state, tokenVersion: 1 }; // a new password: ann logs in again
    const after = (await tokens.issue({ username: 'ann', role: 'member', tokenVersion: 1 }, 600)).token;
    assert.deepEqual(await caller(check, after), { username: 'ann', role: 'member', tokenVersion: 1 });
    await assert.rejects(caller(check, before), /no longer valid/);
    assert.equal(calls, 2, 'asked again once, for the newer token; the older one is refused from what was kept');
  });
});
