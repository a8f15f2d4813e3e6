import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';

const PASSWORD = 'bob-secret-pw';

describe('users: lockout per address and account-wide', () => {
  let users: UsersUnderTest;
  beforeEach(async () => {
    users = await startUsers(); // the tests connect from the loopback, trusted like the gateway
    await users.member('bob', PASSWORD);
  });
  afterEach(() => users.close());

  /** A login as the gateway forwards it for a client at `address`. */
  const from = (address: string, username: string, password: string) =>
    users.call('POST', '/login', { json: { username, password }, headers: { 'x-forwarded-for': address } });
  const wrong = async (address: string, times: number, username = 'bob') => {
    for (let i = 0; i < times; i++) await from(address, username, `wrong-${i}-password`);
  };

  it('five failures from one address lock the account for that address only (423), not for another', async () => {
    await wrong('10.0.0.2', 5);
    const locked = await from('10.0.0.2', 'bob', PASSWORD);
    assert.equal(locked.status, 423);
    assert.equal(locked.body.type, '/problems/account-locked');
    assert.ok(Number(locked.headers.get('retry-after')) > 590);
    assert.equal((await from('10.0.0.1', 'bob', PASSWORD)).status, 200);
  });

  it('an anonymous guesser cannot keep admin out: failures from elsewhere leave admin\'s own address open', async () => {
    for (let round = 0; round < 3; round++) await wrong('10.9.9.9', 5, 'admin');
    assert.equal((await from('10.0.0.1', 'admin', ADMIN_PASSWORD)).status, 200);
  });

  it('50 failures from all addresses within 10 minutes lock the account everywhere', async () => {
    for (let i = 0; i < 50; i++) await from(`10.1.${Math.floor(i / 4)}.${i % 4}`, 'bob', 'wrong-password');
    const fresh = await from('10.2.0.1', 'bob', PASSWORD);
    assert.equal(fresh.status, 423);
    users.advance(601_000);
    assert.equal((await from('10.2.0.1', 'bob', PASSWORD)).status, 200);
  });

  it('counts account-wide failures only within the window', async () => {
    for (let i = 0; i < 49; i++) await from(`10.1.0.${i}`, 'bob', 'wrong-password');
    users.advance(601_000);
    await from('10.3.0.1', 'bob', 'wrong-password');
    assert.equal((await from('10.3.0.2', 'bob', PASSWORD)).status, 200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const strict = await startUsers({}, '10.255.255.254'); // only that address may say who the client is
    try {
      await strict.member('bob', PASSWORD);
      for (let i = 0; i < 5; i++) {
        await strict.call('POST', '/login', { json: { username: 'bob', password: 'wrong-password' }, headers: { 'x-forwarded-for': `10.4.0.${i}` } });
      }
      const reply = await strict.call('POST', '/login', { json: { username: 'bob', password: PASSWORD }, headers: { 'x-forwarded-for': '10.4.0.99' } });
      assert.equal(reply.status, 423, 'the five failures counted against the socket\'s own address');
    } finally {
      await strict.close();
    }
  });
});

describe('POST /users/:username/unlock', () => {
  let users: UsersUnderTest;
  let admin: string;
  beforeEach(async () => {
    users = await startUsers();
    await users.member('bob', PASSWORD);
    admin = (await users.call('POST', '/login', { json: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
  });
  afterEach(() => users.close());

  it('lets a librarian lift every lock of an account, per address and account-wide', async () => {
    for (let i = 0; i < 50; i++) await users.call('POST', '/login', { json: { username: 'bob', password: 'wrong-password' }, headers: { 'x-forwarded-for': `10.5.0.${i}` } });
    const login = () => users.call('POST', '/login', { json: { username: 'bob', password: PASSWORD } });
    assert.equal((await login()).status, 423);
    const unlocked = await users.call('POST', '/users/bob/unlock', { token: admin });
    assert.equal(unlocked.status, 200);
    assert.equal(unlocked.body.username, 'bob');
    assert.equal((await login()).status, 200);
  });

  it('is for librarians (a member gets 403) and answers 404 for nobody', async () => {
    const bob = (await users.call('POST', '/login', { json: { username: 'bob', password: PASSWORD } })).body.token;
    assert.equal((await users.call('POST', '/users/bob/unlock', { token: bob })).status, 403);
    const nobody = await users.call('POST', '/users/nobody/unlock', { token: admin });
    assert.equal(nobody.status, 404);
    assert.equal(nobody.body.type, '/problems/user-not-found');
  });
});
