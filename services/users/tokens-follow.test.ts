import assert from 'node:assert/strict';
import { tokenFor } from '../../test/support/tokens.js';
import { ADMIN_PASSWORD, startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';

describe('users: tokens follow the account', () => {
  let users: UsersUnderTest;
  let admin: string;
  const login = async (username: string, password: string) => (await users.call('POST', '/login', { json: { username, password } })).body.token as string;
  beforeEach(async () => {
    users = await startUsers();
    admin = await login('admin', ADMIN_PASSWORD);
  });
  afterEach(() => users.close());

  it('a demoted and disabled librarian\'s old token changes nothing (dave cannot take over admin)', async () => {
    await users.member('dave');
    assert.equal((await users.call('PATCH', '/users/dave', { token: admin, json: { role: 'librarian' } })).status, 200);
    const dave = await login('dave', 'dave-secret-pw');
    assert.equal((await users.call('PATCH', '/users/dave', { token: admin, json: { role: 'member', active: false } })).status, 200);

    const comeback = await users.call('PATCH', '/users/dave', { token: dave, json: { role: 'librarian', active: true } });
    assert.equal(comeback.status, 401, JSON.stringify(comeback.body));
    assert.equal(comeback.body.type, '/problems/token-revoked');
    const takeover = await users.call('PATCH', '/users/admin', { token: dave, json: { active: false, password: 'dave-owns-admin-now' } });
    assert.equal(takeover.status, 401);
    for (const route of ['/users', '/users/admin', '/me']) assert.equal((await users.call('GET', route, { token: dave })).status, 401, route);

    const stored = users.store.get('users', 'dave')!;
    assert.deepEqual([stored.role, stored.active], ['member', false]);
    assert.equal(users.store.get('users', 'admin')!.active, true);
    assert.equal((await users.call('POST', '/login', { json: { username: 'admin', password: ADMIN_PASSWORD } })).status, 200);
  });

  it('decides with the stored role: a demoted librarian logging in again is a member', async () => {
    await users.member('dave');
    await users.call('PATCH', '/users/dave', { token: admin, json: { role: 'librarian' } });
    const asLibrarian = await login('dave', 'dave-secret-pw');
    await users.call('PATCH', '/users/dave', { token: admin, json: { role: 'member' } });
    assert.equal((await users.call('GET', '/users', { token: asLibrarian })).status, 401);
    const asMember = await login('dave', 'dave-secret-pw');
    const promote = await users.call('PATCH', '/users/dave', { token: asMember, json: { role: 'librarian' } });
    assert.equal(promote.status, 403);
    assert.equal(promote.body.type, '/problems/forbidden-field');
  });

  it('refuses a well-signed token whose role the account does not have', async () => {
    await users.member('alice');
    const forged = await tokenFor('alice', 'librarian'); // signed with the real secret, version 0 like alice's
    const reply = await users.call('GET', '/users', { token: forged });
    assert.equal(reply.status, 401);
    assert.equal(reply.body.type, '/problems/token-revoked');
  });

  it('a password change makes every earlier token useless; the new password\'s token works', async () => {
    const first = await users.member('alice');
    const second = await login('alice', 'alice-secret-pw');
    const changed = await users.call('PATCH', '/users/alice', { token: first, json: { password: 'alice-new-password', currentPassword: 'alice-secret-pw' } });
    assert.equal(changed.status, 200);
    for (const token of [first, second]) assert.equal((await users.call('GET', '/me', { token })).status, 401);
    assert.equal((await users.call('GET', '/me', { token: await login('alice', 'alice-new-password') })).status, 200);
  });

  it('a name change keeps the token', async () => {
    const alice = await users.member('alice');
    await users.call('PATCH', '/users/alice', { token: admin, json: { name: 'Alice L.' } });
    assert.equal((await users.call('GET', '/me', { token: alice })).status, 200);
  });

  it('answers other services the account\'s facts at GET /internal/accounts/:username', async () => {
    await users.member('alice');
    const service = await tokenFor('service:orders', 'service');
    const before = await users.call('GET', '/internal/accounts/alice', { token: service });
    assert.deepEqual(before.body, { username: 'alice', role: 'member', active: true, tokenVersion: 0 });
    await users.call('PATCH', '/users/alice', { token: admin, json: { active: false } });
    const after = await users.call('GET', '/internal/accounts/alice', { token: service });
    assert.deepEqual(after.body, { username: 'alice', role: 'member', active: false, tokenVersion: 1 });
  });
});

describe('PATCH /users/:username {password}', () => {
  let users: UsersUnderTest;
  let admin: string;
  let alice: string;
  beforeEach(async () => {
    users = await startUsers();
    admin = (await users.call('POST', '/login', { json: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
    alice = await users.member('alice');
  });
  afterEach(() => users.close());

  const cases: [string, Record<string, string>, number, string | null][] = [
    ['without currentPassword', { password: 'alice-new-password' }, 403, '/problems/current-password-required'],
    ['with a wrong currentPassword', { password: 'alice-new-password', currentPassword: 'not-her-password' }, 403, '/problems/current-password-wrong'],
    ['with the right currentPassword', { password: 'alice-new-password', currentPassword: 'alice-secret-pw' }, 200, null],
  ];
  for (const [what, json, status, type] of cases) {
    it(`of one's own account ${what} answers ${status}`, async () => {
      const reply = await users.call('PATCH', '/users/alice', { token: alice, json });
      assert.equal(reply.status, status, JSON.stringify(reply.body));
      if (type) assert.equal(reply.body.type, type);
      const works = (await users.call('POST', '/login', { json: { username: 'alice', password: 'alice-new-password' } })).status;
      assert.equal(works, status === 200 ? 200 : 401);
    });
  }

  it('counts a wrong currentPassword as a failed login from that address: after the fifth it is locked there (423 with Retry-After), the right one too', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const guess = (currentPassword: string) =>
      users.call('PATCH', '/users/alice', { token: alice, headers: from('127.0.0.9'), json: { password: 'taken-over-password', currentPassword } });
    // As at login, the failure that locks is answered as a failure; the next try finds the lock.
    for (let i = 1; i <= 5; i++) assert.equal((await guess(`guess-number-${i}`)).body.type, '/problems/current-password-wrong');
    const sixth = await guess('guess-number-6');
    assert.equal(sixth.status, 423, JSON.stringify(sixth.body));
    assert.ok(Number(sixth.headers.get('retry-after')) > 0);
    assert.equal((await guess('alice-secret-pw')).status, 423, 'locked: even the right one is refused from there');
    const login = (address: string) => users.call('POST', '/login', { headers: from(address), json: { username: 'alice', password: 'alice-secret-pw' } });
    assert.equal((await login('127.0.0.9')).status, 423);
    assert.equal((await login('127.0.0.8')).status, 200, 'alice herself, elsewhere, is not locked out');
  });

  it('set by a librarian for someone else needs no currentPassword', async () => {
    const reply = await users.call('PATCH', '/users/alice', { token: admin, json: { password: 'reset-by-the-desk' } });
    assert.equal(reply.status, 200);
    assert.equal((await users.call('POST', '/login', { json: { username: 'alice', password: 'reset-by-the-desk' } })).status, 200);
  });

  it('of a librarian\'s own account needs currentPassword too', async () => {
    const reply = await users.call('PATCH', '/users/admin', { token: admin, json: { password: 'admin-new-password' } });
    assert.equal(reply.status, 403);
    assert.equal(reply.body.type, '/problems/current-password-required');
  });

  it('refuses currentPassword without a new password (422)', async () => {
    const reply = await users.call('PATCH', '/users/alice', { token: alice, json: { name: 'A', currentPassword: 'alice-secret-pw' } });
    assert.equal(reply.status, 422);
  });
});
