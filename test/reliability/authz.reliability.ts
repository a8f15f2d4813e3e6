// The authorization matrix (authz-table.ts) checked against the running stack, cell by
// cell, plus what no table cell shows: lists that leak other members' objects, and
// tokens that are forged, expired or malformed.
import assert from 'node:assert/strict';
import { Tokens } from '../../services/shared/auth.js';
import { send, TEST_SECRET } from '../support/http.js';
import { startLiveStack, type LiveStack } from '../support/live-stack.js';
import { MATRIX, OK, type Expected } from './authz-table.js';
import { AuthzWorld } from './authz-world.js';
import { serviceRoutes } from './routes.js';

const ROLES = ['anonymous', 'owner', 'other member', 'librarian'] as const;

const matches = (expected: Expected, status: number) => (expected === OK ? status >= 200 && status < 300 : status === expected);

describe('authorization matrix (reliability)', function () {
  this.timeout(120_000);
  let stack: LiveStack;
  let world: AuthzWorld;
  let failed = false;
  const routes = serviceRoutes();

  before(async () => {
    // A high loan cap: alice borrows a fresh copy for every cell that changes a loan.
    stack = await startLiveStack({ LOAN_MAX_ACTIVE: '100' });
    world = new AuthzWorld(stack);
    await world.setUp();
  });
  afterEach(function () {
    failed ||= this.currentTest?.state === 'failed';
  });
  after(async () => {
    await stack?.close(failed);
  });

  it('has a row for every route the services serve, through the gateway and, for internal ones, directly', () => {
    assert.deepEqual(routes.filter((r) => !MATRIX.some((row) => row.key === r.key && !row.direct)).map((r) => r.key), []);
    const internal = routes.filter((r) => r.path.startsWith('/internal/'));
    assert.deepEqual(internal.filter((r) => !MATRIX.some((row) => row.key === r.key && row.direct)).map((r) => r.key), []);
  });

  it('answers every cell as the table says', async () => {
    const tokens = [undefined, world.alice, world.bob, world.librarian];
    const wrong: string[] = [];
    for (const row of MATRIX) {
      const service = routes.find((r) => r.key === row.key)!.service;
      for (let i = 0; i < ROLES.length; i++) {
        const cell = await row.make(world);
        const reply = row.direct
          ? await send(stack.url(service), cell.method, cell.path, { token: tokens[i], json: cell.json })
          : await stack.api(cell.method, cell.path, { token: tokens[i], json: cell.json });
        const where = `${row.direct ? 'direct ' : ''}${cell.method} ${cell.path} as ${ROLES[i]}`;
        if (!matches(row.expect[i], reply.status)) wrong.push(`${where}: expected ${row.expect[i]}, got ${reply.status} ${JSON.stringify(reply.body)}`);
        else if (reply.status >= 400 && !String(reply.headers.get('content-type')).startsWith('application/problem+json')) {
          wrong.push(`${where}: ${reply.status} is not a problem+json`);
        }
      }
    }
    if (wrong.length > 0) assert.fail(`${wrong.length} cells differ from the table:\n${wrong.join('\n')}`);
  });

  it("shows a member only their own loans, holds, orders and reservations in lists", async () => {
    await world.aliceLoan();
    await world.aliceHold();
    await world.aliceOrder();
    await world.aliceReservation();
    for (const route of ['/loans', '/holds', '/orders', '/reservations']) {
      const mine = await stack.api('GET', `${route}?limit=100`, { token: world.alice });
      assert.ok(mine.body.items.length > 0 && mine.body.items.every((item: { username: string }) => item.username === 'alice'), `alice's ${route}`);
      const theirs = await stack.api('GET', `${route}?limit=100`, { token: world.bob });
      assert.equal(theirs.status, 200);
      const leaked = theirs.body.items.filter((item: { username: string }) => item.username !== 'bob');
      assert.deepEqual(leaked, [], `bob's ${route} shows other members' objects`);
    }
  });

  it('refuses forged, expired and malformed tokens with 401 on every service', async () => {
    const forged = (await new Tokens('another-secret-another-secret-another-secret').issue({ username: 'alice', role: 'librarian' }, 3600)).token;
    const expired = (await new Tokens(TEST_SECRET).issue({ username: 'alice', role: 'member' }, -60)).token;
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', role: 'librarian', iss: 'library', exp: 4102444800 })}.`;
    const badRole = (await new Tokens(TEST_SECRET).issue({ username: 'alice', role: 'admin' as never }, 3600)).token;
    const reads = ['/me', '/inventory', '/loans', '/orders', '/reservations', '/fines'];
    const wrong: string[] = [];
    for (const [name, token] of Object.entries({ forged, expired, unsigned, badRole, garbage: 'not-a-token' })) {
      for (const route of reads) {
        const reply = await stack.api('GET', route, { token });
        if (reply.status !== 401) wrong.push(`GET ${route} with a ${name} token: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
