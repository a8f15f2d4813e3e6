import assert from 'node:assert/strict';
import { freePort, listen, type Running } from '../../test/support/http.js';
import { sendFrom } from '../../test/support/from-address.js';
import { SERVICE_NAMES, type ServiceName } from '../shared/config.js';
import { parseTrustedProxies } from '../shared/http/client-address.js';
import { ADMIN_PASSWORD, startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';
import { createApp } from './app.js';
import type { ThrottleLimits } from './throttle.js';

// The gateway's throttles in front of the real users app, over real sockets: each client is
// a source address of its own (127.0.0.x), as a script on another machine would be.
describe('gateway: login and registration throttling', function () {
  this.timeout(60_000);
  let users: UsersUnderTest;
  let gateway: Running;
  let clock = 0;

  async function gatewayWith(options: { throttle?: ThrottleLimits; trusted?: string } = {}): Promise<Running> {
    const urls = {} as Record<ServiceName, string>;
    for (const name of SERVICE_NAMES) urls[name] = `http://127.0.0.1:${await freePort()}`;
    urls.users = users.url;
    return listen(
      createApp({
        urls,
        selfUrl: 'http://gw',
        log: () => {},
        logRequests: false,
        upstreamTimeoutMs: 5000,
        throttle: options.throttle,
        trustedProxies: options.trusted ? parseTrustedProxies(options.trusted, 'TRUSTED_PROXIES') : undefined,
        allowedHosts: undefined,
        now: () => Date.now() + clock,
      }),
    );
  }
  const login = (from: string, username: string, password: string, path = '/api/login', headers?: Record<string, string>) =>
    sendFrom(from, gateway.url, 'POST', path, { username, password }, headers);
  const register = (from: string, username: string, path = '/api/register') =>
    sendFrom(from, gateway.url, 'POST', path, { username, password: `${username}-password`, name: username, email: `${username}@example.org` });

  beforeEach(async () => {
    clock = 0;
    users = await startUsers();
    for (const name of ['bob', 'carol']) await users.member(name);
    gateway = await gatewayWith();
  });
  afterEach(async () => {
    await gateway.close();
    await users.close();
  });

  it('after 25 wrong logins for one username from 127.0.0.1, /api/login/ is 429; another member from 127.0.0.1 logs in', async () => {
    for (let i = 0; i < 25; i++) await login('127.0.0.1', 'bob', `wrong-password-${i}`);
    const slash = await login('127.0.0.1', 'bob', 'bob-secret-pw', '/api/login/');
    assert.equal(slash.status, 429, JSON.stringify(slash.body));
    assert.equal(slash.body.type, '/problems/too-many-logins');
    assert.ok(Number(slash.headers['retry-after']) >= 1);
    assert.equal((await login('127.0.0.1', 'carol', 'carol-secret-pw')).status, 200);
  });

  it('stops 40 usernames sprayed from one address before the 40th (30 failures an address)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login('127.0.0.3', `sprayed${i}`, 'guess-password')).status);
    assert.equal(statuses.indexOf(429), 30, statuses.join(','));
    assert.ok(statuses.slice(30).every((s) => s === 429));
  });

  it('five wrong passwords for admin from 127.0.0.2 do not stop admin logging in from 127.0.0.1', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await login('127.0.0.2', 'admin', 'not-the-admin-password')).status, 401);
    assert.equal((await login('127.0.0.2', 'admin', ADMIN_PASSWORD)).status, 423, 'locked for the guesser\'s address');
    assert.equal((await login('127.0.0.1', 'admin', ADMIN_PASSWORD)).status, 200);
  });

  it('counts every spelling of the route as one: /api/login, /api/login/, /api//login, /api/login//', async () => {
    const spellings = ['/api/login', '/api/login/', '/api//login', '/api/login//'];
    for (let i = 0; i < 10; i++) assert.notEqual((await login('127.0.0.4', 'bob', 'wrong-password', spellings[i % 4])).status, 429, `attempt ${i}`);
    for (const path of spellings) assert.equal((await login('127.0.0.4', 'bob', 'wrong-password', path)).status, 429, path);
  });

  it('never limits successful logins of many members from one address (a front desk)', async () => {
    for (let i = 0; i < 8; i++) await users.member(`reader${i}`);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 8; i++) assert.equal((await login('127.0.0.5', `reader${i}`, `reader${i}-secret-pw`)).status, 200);
    }
  });

  it('lifts the limit once the window has passed', async () => {
    for (let i = 0; i < 10; i++) await login('127.0.0.6', 'carol', 'wrong-password');
    const limited = await login('127.0.0.6', 'carol', 'wrong-password');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) <= 60);
    clock += 61_000;
    // Past the gateway again; users' own lock for this address (5 in a row) answers now.
    assert.equal((await login('127.0.0.6', 'carol', 'wrong-password')).status, 423);
  });

  it('limits registrations to 10 a minute per address (429), every spelling alike', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await register('127.0.0.7', `newcomer${i}`)).status, 201, `registration ${i}`);
    const eleventh = await register('127.0.0.7', 'newcomer10', '/api/register/');
    assert.equal(eleventh.status, 429);
    assert.equal(eleventh.body.type, '/problems/too-many-registrations');
    assert.ok(Number(eleventh.headers['retry-after']) >= 1);
    assert.equal(users.store.get('users', 'newcomer10'), undefined);
    assert.equal((await register('127.0.0.8', 'newcomer10')).status, 201);
  });

  it('takes an X-Forwarded-For hop only from a peer in TRUSTED_PROXIES', async () => {
    await gateway.close();
    gateway = await gatewayWith({ trusted: '127.0.0.9' });
    const viaProxy = (client: string) => login('127.0.0.9', 'bob', 'wrong-password', '/api/login', { 'x-forwarded-for': `${client}, 127.0.0.9` });
    for (let i = 0; i < 10; i++) await viaProxy('10.0.0.1');
    assert.equal((await viaProxy('10.0.0.1')).status, 429);
    assert.notEqual((await viaProxy('10.0.0.2')).status, 429, 'another client behind the same proxy');
    // Anyone else's X-Forwarded-For is ignored: a new "hop" each time does not escape.
    const spoofed = (i: number) => login('127.0.0.10', 'bob', 'wrong-password', '/api/login', { 'x-forwarded-for': `10.9.0.${i}` });
    for (let i = 0; i < 10; i++) await spoofed(i);
    assert.equal((await spoofed(99)).status, 429);
  });
});
