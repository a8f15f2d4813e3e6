import assert from 'node:assert/strict';
import { tokenFor } from '../../test/support/tokens.js';
import { ADMIN_PASSWORD, startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';

describe('users routes', () => {
  let users: UsersUnderTest;
  let alice: string;
  let admin: string;
  beforeEach(async () => {
    users = await startUsers();
    alice = await users.member('alice');
    await users.member('bob');
    admin = (await users.call('POST', '/login', { json: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
  });
  afterEach(() => users.close());

  describe('GET /me', () => {
    it('answers the caller’s own account', async () => {
      const reply = await users.call('GET', '/me', { token: alice });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.username, 'alice');
      assert.equal(reply.body.email, 'alice@example.org');
    });

    it('needs a token (401) and refuses a service token (403)', async () => {
      assert.equal((await users.call('GET', '/me')).status, 401);
      assert.equal((await users.call('GET', '/me', { token: await tokenFor('service:loans', 'service') })).status, 403);
    });

    it('refuses a well-signed token whose account does not exist (401 token-revoked)', async () => {
      const reply = await users.call('GET', '/me', { token: await tokenFor('ghost') });
      assert.equal(reply.status, 401);
      assert.equal(reply.body.type, '/problems/token-revoked');
    });

    it('closes a disabled account to its earlier token', async () => {
      await users.call('PATCH', '/users/alice', { token: admin, json: { active: false } });
      const reply = await users.call('GET', '/me', { token: alice });
      assert.equal(reply.status, 401);
      assert.equal(reply.body.type, '/problems/token-revoked');
    });
  });

  describe('GET /users', () => {
    it('lists every account to a librarian, sorted by username, paged', async () => {
      const all = await users.call('GET', '/users', { token: admin });
      assert.equal(all.status, 200);
      assert.deepEqual(all.body.items.map((u: { username: string }) => u.username), ['admin', 'alice', 'bob']);
      assert.equal(all.body.total, 3);
      const page = await users.call('GET', '/users?limit=1&offset=1', { token: admin });
      assert.deepEqual(page.body, { items: [all.body.items[1]], total: 3 });
    });

    it('filters by role, active and a search text', async () => {
      const librarians = await users.call('GET', '/users?role=librarian', { token: admin });
      assert.deepEqual(librarians.body.items.map((u: { username: string }) => u.username), ['admin']);
      const found = await users.call('GET', '/users?q=BOB', { token: admin });
      assert.deepEqual(found.body.items.map((u: { username: string }) => u.username), ['bob']);
      await users.call('PATCH', '/users/bob', { token: admin, json: { active: false } });
      const inactive = await users.call('GET', '/users?active=false', { token: admin });
      assert.deepEqual(inactive.body.items.map((u: { username: string }) => u.username), ['bob']);
    });

    it('is open to services, closed to members (403) and to anonymous callers (401)', async () => {
      assert.equal((await users.call('GET', '/users', { token: await tokenFor('service:loans', 'service') })).status, 200);
      const member = await users.call('GET', '/users', { token: alice });
      assert.equal(member.status, 403);
      assert.equal(member.body.type, '/problems/forbidden');
      assert.equal((await users.call('GET', '/users')).status, 401);
    });

    it('refuses a limit above 100 and an unknown query parameter with 422', async () => {
      assert.equal((await users.call('GET', '/users?limit=101', { token: admin })).status, 422);
      assert.equal((await users.call('GET', '/users?sort=name', { token: admin })).status, 422);
    });
  });

  describe('GET /users/:username', () => {
    it('answers a member’s own account, and any account to librarians and services', async () => {
      assert.equal((await users.call('GET', '/users/alice', { token: alice })).body.username, 'alice');
      assert.equal((await users.call('GET', '/users/alice', { token: admin })).body.username, 'alice');
      const service = await users.call('GET', '/users/alice', { token: await tokenFor('service:loans', 'service') });
      assert.equal(service.body.username, 'alice');
    });

    it('answers a member asking for someone else exactly as for nobody: 404', async () => {
      const other = await users.call('GET', '/users/bob', { token: alice });
      const nobody = await users.call('GET', '/users/nobody', { token: alice });
      assert.equal(other.status, 404);
      assert.equal(other.body.type, '/problems/user-not-found');
      assert.equal(nobody.status, 404);
      assert.equal((await users.call('GET', '/users/nobody', { token: admin })).status, 404);
    });
  });

  describe('PATCH /users/:username', () => {
    it('lets a member change their own name, email and password', async () => {
      const reply = await users.call('PATCH', '/users/alice', {
        token: alice,
        json: { name: 'Alice P. Liddell', email: 'alice@wonder.land', password: 'a-brand-new-password', currentPassword: 'alice-secret-pw' },
      });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.name, 'Alice P. Liddell');
      assert.equal(reply.body.email, 'alice@wonder.land');
      assert.ok(reply.body.updatedAt >= reply.body.createdAt);
      const login = (password: string) => users.call('POST', '/login', { json: { username: 'alice', password } });
      assert.equal((await login('alice-secret-pw')).status, 401);
      assert.equal((await login('a-brand-new-password')).status, 200);
    });

    it('a member cannot change another member (404) or their own role (403)', async () => {
      const before = users.store.get('users', 'bob');
      const other = await users.call('PATCH', '/users/bob', { token: alice, json: { name: 'Hijacked' } });
      assert.equal(other.status, 404);
      assert.equal(other.body.type, '/problems/user-not-found');
      assert.equal(users.store.get('users', 'bob'), before);
      const own = await users.call('PATCH', '/users/alice', { token: alice, json: { role: 'librarian' } });
      assert.equal(own.status, 403);
      assert.equal(own.body.type, '/problems/forbidden-field');
      const active = await users.call('PATCH', '/users/alice', { token: alice, json: { name: 'A', active: true } });
      assert.equal(active.status, 403);
      assert.equal(users.store.get('users', 'alice')!.role, 'member');
      assert.equal(users.store.get('users', 'alice')!.name, 'Name of alice');
    });

    it('lets a librarian promote, disable and rename anyone', async () => {
      const reply = await users.call('PATCH', '/users/bob', { token: admin, json: { role: 'librarian', active: false, name: 'Robert' } });
      assert.equal(reply.status, 200);
      assert.deepEqual([reply.body.role, reply.body.active, reply.body.name], ['librarian', false, 'Robert']);
      assert.equal(users.store.get('users', 'bob')!.role, 'librarian');
    });

    it('lifts a lock when a librarian sets a new password', async () => {
      for (let i = 0; i < 5; i++) await users.call('POST', '/login', { json: { username: 'bob', password: 'wrong-password' } });
      await users.call('PATCH', '/users/bob', { token: admin, json: { password: 'reset-by-librarian' } });
      assert.equal((await users.call('POST', '/login', { json: { username: 'bob', password: 'reset-by-librarian' } })).status, 200);
    });

    it('refuses to demote or disable the last active librarian with 409 /problems/last-librarian', async () => {
      for (const change of [{ role: 'member' }, { active: false }]) {
        const reply = await users.call('PATCH', '/users/admin', { token: admin, json: change });
        assert.equal(reply.status, 409);
        assert.equal(reply.body.type, '/problems/last-librarian');
      }
      await users.call('PATCH', '/users/bob', { token: admin, json: { role: 'librarian' } });
      assert.equal((await users.call('PATCH', '/users/admin', { token: admin, json: { role: 'member' } })).status, 200);
    });

    it('refuses services (403), anonymous callers (401) and unknown accounts (404)', async () => {
      const service = await tokenFor('service:loans', 'service');
      assert.equal((await users.call('PATCH', '/users/bob', { token: service, json: { name: 'X' } })).status, 403);
      assert.equal((await users.call('PATCH', '/users/bob', { json: { name: 'X' } })).status, 401);
      assert.equal((await users.call('PATCH', '/users/nobody', { token: admin, json: { name: 'X' } })).status, 404);
    });
  });

  describe('answers', () => {
    it('never carry a password or a hash, whatever the route', async () => {
      const replies = [
        await users.call('GET', '/me', { token: admin }),
        await users.call('GET', '/users', { token: admin }),
        await users.call('GET', '/users/alice', { token: alice }),
        await users.call('PATCH', '/users/alice', { token: admin, json: { password: 'yet-another-password' } }),
        await users.call('POST', '/login', { json: { username: 'alice', password: 'yet-another-password' } }),
        await users.call('POST', '/register', { json: { username: 'dora', password: 'dora-the-password', name: 'Dora', email: 'd@example.org' } }),
      ];
      for (const reply of replies) {
        assert.ok(reply.status < 300, JSON.stringify(reply.body));
        assert.ok(!/password|\$argon2/i.test(JSON.stringify(reply.body)), JSON.stringify(reply.body));
      }
    });
  });
});
