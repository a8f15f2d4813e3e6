import assert from 'node:assert/strict';
import { verifyPassword } from './password.js';
import { startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';

const alice = { username: 'alice', password: 'wonderland-42', name: 'Alice Liddell', email: 'alice@example.org' };

describe('POST /register', () => {
  let users: UsersUnderTest;
  beforeEach(async () => {
    users = await startUsers();
  });
  afterEach(() => users.close());

  it('creates a member and answers 201 with the public account only', async () => {
    const reply = await users.call('POST', '/register', { json: alice });
    assert.equal(reply.status, 201);
    assert.equal(reply.headers.get('location'), '/users/alice');
    assert.deepEqual(Object.keys(reply.body).sort(), ['active', 'createdAt', 'email', 'name', 'role', 'updatedAt', 'username']);
    assert.equal(reply.body.role, 'member');
    assert.equal(reply.body.active, true);
    assert.match(reply.body.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('stores an argon2id hash (19 MiB, 2 passes) that matches the password', async () => {
    await users.call('POST', '/register', { json: alice });
    const stored = users.store.get('users', 'alice')!;
    assert.match(stored.passwordHash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.equal(await verifyPassword(stored.passwordHash, alice.password), true);
    assert.ok(!JSON.stringify(stored).includes(alice.password));
  });

  it('trims the name and email it keeps', async () => {
    const reply = await users.call('POST', '/register', { json: { ...alice, name: '  Alice  ', email: ' alice@example.org ' } });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.name, 'Alice');
    assert.equal(reply.body.email, 'alice@example.org');
  });

  it('refuses a taken username with 409 /problems/username-taken and keeps the first account', async () => {
    await users.call('POST', '/register', { json: alice });
    const reply = await users.call('POST', '/register', { json: { ...alice, name: 'Impostor', password: 'another-password' } });
    assert.equal(reply.status, 409);
    assert.equal(reply.body.type, '/problems/username-taken');
    assert.equal(users.store.get('users', 'alice')!.name, 'Alice Liddell');
  });

  it('refuses the seeded admin name', async () => {
    const reply = await users.call('POST', '/register', { json: { ...alice, username: 'admin' } });
    assert.equal(reply.status, 409);
    assert.equal(users.store.get('users', 'admin')!.role, 'librarian');
  });

  it('lets exactly one of many parallel registrations of one name through', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => users.call('POST', '/register', { json: { ...alice, name: `Alice ${i}` } })),
    );
    const statuses = replies.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409]);
    const winner = replies.find((r) => r.status === 201)!;
    assert.equal(users.store.get('users', 'alice')!.name, winner.body.name);
    assert.equal(users.store.count('users'), 2); // admin and alice
  });

  it('needs no token, and a registered member can log in', async () => {
    await users.call('POST', '/register', { json: alice });
    const login = await users.call('POST', '/login', { json: { username: 'alice', password: alice.password } });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.role, 'member');
  });
});
