import assert from 'node:assert/strict';
import { hash, argon2id } from 'argon2';
import { snapshotFiles } from '../../test/support/http.js';
import { testTokens } from '../../test/support/tokens.js';
import { ADMIN_PASSWORD, startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';

const PASSWORD = 'bob-secret-pw';

describe('POST /login', () => {
  let users: UsersUnderTest;
  beforeEach(async () => {
    users = await startUsers();
    await users.member('bob', PASSWORD);
  });
  afterEach(() => users.close());

  const login = (username: string, password: string) => users.call('POST', '/login', { json: { username, password } });

  it('answers a token that names the user and role, with its expiry and the account', async () => {
    const before = Date.now();
    const reply = await login('admin', ADMIN_PASSWORD);
    assert.equal(reply.status, 200);
    assert.deepEqual(await testTokens.verify(reply.body.token), { username: 'admin', role: 'librarian', tokenVersion: 0 });
    const ttl = Date.parse(reply.body.expiresAt) - before;
    assert.ok(ttl > 28_790_000 && ttl <= 28_801_000, `token lives ${ttl} ms`);
    assert.equal(reply.body.user.username, 'admin');
  });

  it('takes the username in any case and with blanks around it', async () => {
    assert.equal((await login('  BOB ', PASSWORD)).status, 200);
  });

  it('gives the same 401 /problems/invalid-credentials for a wrong password and an unknown user', async () => {
    const wrong = await login('bob', 'not-the-password');
    const unknown = await login('nobody', 'not-the-password');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.type, '/problems/invalid-credentials');
    assert.deepEqual(unknown.body, wrong.body);
    assert.equal(users.store.get('users', 'nobody'), undefined);
  });

  /** bob's failures in a row from this test's address (the loopback). */
  const inARow = () => users.store.get('users', 'bob')!.byAddress?.['127.0.0.1']?.inARow ?? 0;

  it('locks after 5 failures in a row: the 6th wrong password in a row gets 423', async () => {
    for (let i = 1; i <= 5; i++) assert.equal((await login('bob', `wrong-${i}-password`)).status, 401, `attempt ${i}`);
    const sixth = await login('bob', 'wrong-6-password');
    assert.equal(sixth.status, 423);
    assert.equal(sixth.body.type, '/problems/account-locked');
    const until = Date.parse(sixth.body.lockedUntil);
    assert.ok(until > Date.now() + 590_000 && until <= Date.now() + 600_000, sixth.body.lockedUntil);
    assert.ok(Number(sixth.headers.get('retry-after')) > 590);
  });

  it('refuses even the right password while the account is locked', async () => {
    for (let i = 0; i < 5; i++) await login('bob', 'wrong-password');
    const reply = await login('bob', PASSWORD);
    assert.equal(reply.status, 423);
    assert.equal(reply.body.token, undefined);
  });

  it('lets the right password in again once the lock has run out, and counts afresh', async () => {
    for (let i = 0; i < 5; i++) await login('bob', 'wrong-password');
    users.advance(601_000);
    assert.equal((await login('bob', 'wrong-password')).status, 401);
    assert.equal(inARow(), 1);
    assert.equal((await login('bob', PASSWORD)).status, 200);
  });

  it('resets the count on a success, so only failures in a row lock', async () => {
    for (let i = 0; i < 4; i++) await login('bob', 'wrong-password');
    assert.equal((await login('bob', PASSWORD)).status, 200);
    assert.equal(inARow(), 0);
    for (let i = 0; i < 4; i++) assert.equal((await login('bob', 'wrong-password')).status, 401);
    assert.equal((await login('bob', PASSWORD)).status, 200);
  });

  it('counts parallel failures one by one: exactly 5 of 12 get 401, the rest 423', async () => {
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => login('bob', `parallel-wrong-${i}`)));
    const statuses = replies.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 423).length, 7, statuses.join(','));
  });

  it('keeps the count and the lock across a restart (they are stored)', async () => {
    for (let i = 0; i < 5; i++) await login('bob', 'wrong-password');
    await users.restart();
    assert.equal(inARow(), 5);
    assert.equal((await login('bob', PASSWORD)).status, 423);
  });

  it('refuses a disabled account with 403 /problems/account-disabled, but only with the right password', async () => {
    const admin = (await login('admin', ADMIN_PASSWORD)).body.token;
    assert.equal((await users.call('PATCH', '/users/bob', { token: admin, json: { active: false } })).status, 200);
    assert.equal((await login('bob', 'wrong-password')).status, 401);
    const reply = await login('bob', PASSWORD);
    assert.equal(reply.status, 403);
    assert.equal(reply.body.type, '/problems/account-disabled');
  });

  it('rehashes a password stored with weaker parameters at the next login', async () => {
    const weak = await hash(PASSWORD, { type: argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const bob = users.store.get('users', 'bob')!;
    await users.store.change((tx) => tx.put('users', 'bob', { ...bob, passwordHash: weak }));
    assert.equal((await login('bob', PASSWORD)).status, 200);
    assert.match(users.store.get('users', 'bob')!.passwordHash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.equal((await login('bob', PASSWORD)).status, 200);
  });

  it('writes nothing for a plain successful login', async () => {
    await users.store.flush();
    const files = snapshotFiles(users.dataDir);
    const before = users.store.get('users', 'bob');
    assert.equal((await login('bob', PASSWORD)).status, 200);
    assert.equal(users.store.get('users', 'bob'), before);
    await users.store.flush();
    assert.deepEqual(snapshotFiles(users.dataDir), files);
  });
});

describe('POST /login with LOGIN_MAX_FAILURES=2 and LOGIN_LOCK_SECONDS=30', () => {
  it('locks after the configured count for the configured time', async () => {
    const users = await startUsers({ maxFailures: 2, lockSeconds: 30 });
    try {
      await users.member('carol', 'carol-password');
      const login = (password: string) => users.call('POST', '/login', { json: { username: 'carol', password } });
      assert.equal((await login('wrong-password')).status, 401);
      assert.equal((await login('wrong-password')).status, 401);
      const third = await login('carol-password');
      assert.equal(third.status, 423);
      assert.ok(Date.parse(third.body.lockedUntil) <= Date.now() + 30_000);
      users.advance(31_000);
      assert.equal((await login('carol-password')).status, 200);
    } finally {
      await users.close();
    }
  });
});
