// Accounts under attack, end to end through the gateway on the real stack: tokens that
// follow the account. TOKEN_CHECK_SECONDS is 1 here, so "within the bound" is quick to see.
import assert from 'node:assert/strict';
import { sendFrom } from '../support/from-address.js';
import { send } from '../support/http.js';
import { STACK_ADMIN_PASSWORD, useFullStack } from '../support/stack.js';

const BOUND_SECONDS = 1;
/** "Cooking for the Impatient Undergrad", with units for sale in data/seed/books.csv. */
const BOOK = 'bk-4';

describe('accounts end to end: tokens follow the account', function () {
  this.timeout(60_000);
  const stack = useFullStack({ TOKEN_CHECK_SECONDS: String(BOUND_SECONDS) });
  const api = (method: string, route: string, token?: string, json?: unknown) => send(stack().gatewayUrl, method, `/api${route}`, { token, json });
  const login = async (username: string, password: string) => {
    const reply = await api('POST', '/login', undefined, { username, password });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.token as string;
  };
  const register = async (username: string, password: string) => {
    const reply = await api('POST', '/register', undefined, { username, password, name: `Reader ${username}`, email: `${username}@example.org` });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
  };

  it('a demoted and disabled librarian\'s old token changes nothing in users (dave cannot take over admin)', async () => {
    const admin = await login('admin', STACK_ADMIN_PASSWORD);
    await register('dave', 'dave-password-123');
    assert.equal((await api('PATCH', '/users/dave', admin, { role: 'librarian' })).status, 200);
    const dave = await login('dave', 'dave-password-123');
    assert.equal((await api('PATCH', '/users/dave', admin, { role: 'member', active: false })).status, 200);

    const comeback = await api('PATCH', '/users/dave', dave, { role: 'librarian', active: true });
    assert.equal(comeback.status, 401, JSON.stringify(comeback.body));
    assert.equal(comeback.body.type, '/problems/token-revoked');
    assert.equal((await api('PATCH', '/users/admin', dave, { active: false, password: 'dave-owns-the-library' })).status, 401);
    const admins = await api('GET', '/users/admin', admin);
    assert.equal(admins.body.active, true);
    await login('admin', STACK_ADMIN_PASSWORD);
  });

  it(`a disabled member's old token is refused for a purchase within TOKEN_CHECK_SECONDS (${BOUND_SECONDS} s)`, async () => {
    const admin = await login('admin', STACK_ADMIN_PASSWORD);
    await register('mona', 'mona-password-123');
    const mona = await login('mona', 'mona-password-123');
    const buy = () => api('POST', '/orders', mona, { bookId: BOOK, quantity: 1 });
    assert.equal((await buy()).status, 201, 'the orders service has seen (and cached) mona\'s account');
    assert.equal((await api('PATCH', '/users/mona', admin, { active: false })).status, 200);
    const disabledAt = Date.now();
    let reply = await buy();
    while (reply.status === 201 && Date.now() - disabledAt < BOUND_SECONDS * 1000 + 2000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      reply = await buy();
    }
    const tookMs = Date.now() - disabledAt;
    assert.equal(reply.status, 401, `still ${reply.status} after ${tookMs} ms: ${JSON.stringify(reply.body)}`);
    assert.equal(reply.body.type, '/problems/token-revoked');
    for (const [method, route, json] of [['POST', '/loans', { bookId: 'bk-1' }], ['GET', '/orders'], ['POST', '/reservations', { date: '2099-01-01', bookId: 'bk-1' }]] as const) {
      assert.equal((await api(method, route, mona, json)).status, 401, `${method} ${route}`);
    }
  });

  it('a librarian acting for a member names an existing, active member, or gets 404 (loans, holds, reservations)', async () => {
    const admin = await login('admin', STACK_ADMIN_PASSWORD);
    await register('nina', 'nina-password-123');
    await register('otto', 'otto-password-123');
    assert.equal((await api('PATCH', '/users/otto', admin, { active: false })).status, 200);
    const schedule = (await api('GET', '/schedule')).body as Record<string, { bookId: string }[]>;
    const [date, offers] = Object.entries(schedule).find(([, day]) => day.length > 0)!;
    for (const username of ['nobody', 'otto']) {
      for (const [route, json] of [['/loans', { bookId: 'bk-1', username }], ['/holds', { bookId: 'bk-1', username }], ['/reservations', { date, bookId: offers[0].bookId, username }]] as const) {
        const reply = await api('POST', route, admin, json);
        assert.equal(reply.status, 404, `${route} for ${username}: ${JSON.stringify(reply.body)}`);
        assert.equal(reply.body.type, '/problems/member-not-found');
      }
    }
    const lent = await api('POST', '/loans', admin, { bookId: 'bk-1', username: 'nina' });
    assert.equal(lent.status, 201, JSON.stringify(lent.body));
    assert.equal(lent.body.username, 'nina');
    assert.equal((await api('GET', '/loans?username=nobody', admin)).body.total, 0);
  });

  it('refuses lone surrogates in ids and fields with 422, never 500 (orders, holds, loans, reservations, register)', async () => {
    await register('ivy', 'ivy-password-123');
    const ivy = await login('ivy', 'ivy-password-123');
    const cases: [string, unknown][] = [
      ['/orders', { bookId: '\ud800', quantity: 1 }],
      ['/holds', { bookId: '\ud800' }],
      ['/loans', { bookId: 'bk-\udfff' }],
      ['/reservations', { date: '2099-01-01', bookId: '\udc00\ud800' }],
      ['/register', { username: 'ivy2', password: 'long enough \ud800 password', name: 'Ivy', email: 'ivy2@example.org' }],
    ];
    for (const [route, json] of cases) {
      const reply = await api('POST', route, ivy, json);
      assert.equal(reply.status, 422, `${route}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.type, '/problems/validation-failed');
    }
  });

  it('library users unlock <name> lifts a lockout: five wrong passwords from 127.0.0.4 lock quinn there, then the right one logs in', async () => {
    await register('quinn', 'quinn-password-123');
    const from = (password: string) => sendFrom('127.0.0.4', stack().gatewayUrl, 'POST', '/api/login', { username: 'quinn', password });
    for (let i = 0; i < 5; i++) assert.equal((await from(`wrong-password-${i}`)).status, 401);
    const locked = await from('quinn-password-123');
    assert.equal(locked.status, 423, JSON.stringify(locked.body));
    assert.equal(locked.body.type, '/problems/account-locked');

    const env = { XDG_CONFIG_HOME: `${stack().configHome}/unlocker` };
    const admin = await stack().client(['login', 'admin', '--password-stdin'], { input: `${STACK_ADMIN_PASSWORD}\n`, env });
    assert.equal(admin.code, 0, admin.stderr);
    const unlock = await stack().client(['users', 'unlock', 'quinn'], { env });
    assert.equal(unlock.code, 0, unlock.stderr);
    assert.match(unlock.stdout, /unlocked/);
    assert.equal((await from('quinn-password-123')).status, 200);
    const nobody = await stack().client(['users', 'unlock', 'nobody-here'], { env });
    assert.equal(nobody.code, 1);
    assert.equal(nobody.stderr.trimEnd().split('\n').length, 1, nobody.stderr);
  });

  it('a changed password makes the old token useless everywhere within the bound', async () => {
    await register('pete', 'pete-password-123');
    const pete = await login('pete', 'pete-password-123');
    assert.equal((await api('GET', '/orders', pete)).status, 200);
    const changed = await api('PATCH', '/users/pete', pete, { password: 'pete-password-456', currentPassword: 'pete-password-123' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await api('GET', '/me', pete)).status, 401, 'users refuses it at once');
    await new Promise((resolve) => setTimeout(resolve, BOUND_SECONDS * 1000 + 100));
    assert.equal((await api('GET', '/orders', pete)).status, 401);
    assert.equal((await api('GET', '/orders', await login('pete', 'pete-password-456'))).status, 200);
  });
});

describe('accounts end to end: login throttling with the default limits', function () {
  this.timeout(90_000);
  const stack = useFullStack({ REGISTRATIONS_PER_ADDRESS: '' }); // '' is the default (10)
  const login = (from: string, username: string, password: string, path = '/api/login') =>
    sendFrom(from, stack().gatewayUrl, 'POST', path, { username, password });

  it('25 wrong logins from 127.0.0.1, then /api/login/ → 429; another member from 127.0.0.1 → 200; a spray from 127.0.0.3 stops before the 40th; admin is not locked out from 127.0.0.2', async () => {
    for (const username of ['wanda', 'xavier']) {
      const json = { username, password: `${username}-password-1`, name: username, email: `${username}@example.org` };
      assert.equal((await sendFrom('127.0.0.1', stack().gatewayUrl, 'POST', '/api/register', json)).status, 201);
    }
    for (let i = 0; i < 25; i++) await login('127.0.0.1', 'wanda', `wrong-password-${i}`);
    const slash = await login('127.0.0.1', 'wanda', 'wrong-password', '/api/login/');
    assert.equal(slash.status, 429);
    assert.ok(Number(slash.headers['retry-after']) >= 1);
    assert.equal((await login('127.0.0.1', 'xavier', 'xavier-password-1')).status, 200);

    const sprayed: number[] = [];
    for (let i = 0; i < 40; i++) sprayed.push((await login('127.0.0.3', `sprayed${i}`, 'guess-password')).status);
    assert.ok(sprayed.indexOf(429) >= 0 && sprayed.indexOf(429) < 39, sprayed.join(','));

    for (let i = 0; i < 5; i++) await login('127.0.0.2', 'admin', 'not-the-admin-password');
    assert.equal((await login('127.0.0.1', 'admin', STACK_ADMIN_PASSWORD)).status, 200);
  });
});
