// Each downstream stopped in turn while its callers are under load: every answer given
// while it is down is a 503 problem naming it, nothing is half done, and everything
// works again once it is back.
import assert from 'node:assert/strict';
import type { ProcessName, ServiceName } from '../../services/shared/config.js';
import { startLiveStack, type LiveStack } from '../support/live-stack.js';
import { lastValueProbe, perMemberProbe, readProbe, returnProbe, type CheckedProbe } from './fault-probes.js';
import { assertLoansMatchInventory, StockLedger } from './invariants.js';
import { eventually } from './ledger.js';
import { outageComplaints, runOutage } from './outage.js';
import { LENDING_BOOKS } from './workload-loans.js';
import { dateIn } from './workload-room.js';

/** A route of each service that needs no other service, for the gateway's outages. */
const OWN_ROUTE: Record<ServiceName, string> = {
  catalog: '/books/bk-1',
  users: '/users/admin',
  inventory: '/inventory/bk-1',
  loans: '/loans',
  orders: '/orders',
  availability: '/schedule',
};

describe('downstream outages (reliability)', function () {
  this.timeout(120_000);
  let stack: LiveStack;
  let ledger: StockLedger;
  let failed = false;

  before(async () => {
    // A short take timeout: a take a stopped inventory never answered is released in time to check.
    stack = await startLiveStack({ LOANS_RETRY_MS: '200', ORDERS_RETRY_MS: '200', TAKE_TIMEOUT_MS: '5000' });
    for (const bookId of LENDING_BOOKS) {
      assert.equal((await stack.api('POST', `/inventory/${bookId}/copies`, { token: stack.librarian, json: { count: 30 } })).status, 201);
    }
    for (const bookId of ['bk-1', 'bk-2', 'bk-3']) {
      assert.equal((await stack.api('PUT', `/inventory/${bookId}/stock`, { token: stack.librarian, json: { stock: 100_000 } })).status, 200);
    }
    ledger = await StockLedger.capture(stack);
  });
  afterEach(function () {
    failed ||= this.currentTest?.state === 'failed';
  });
  after(async () => {
    await stack?.close(failed);
  });

  async function outage(downstream: ProcessName, probes: CheckedProbe[], whileDown?: () => Promise<void>): Promise<void> {
    const result = await runOutage(stack, downstream, probes, whileDown);
    const complaints = outageComplaints(result, downstream, probes);
    if (complaints.length > 0) assert.fail(`${complaints.length} answers broke the contract while ${downstream} was down:\n${complaints.join('\n')}`);
    for (const probe of probes) await probe.verify();
    await assertLoansMatchInventory(stack);
    await ledger.assertBalanced(stack, new Set(['bk-30']));
  }

  it('inventory down under loans, orders and /info: 503 naming inventory, nothing half done, then recovery', async () => {
    const loans: { id: string; username: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const username = `returner-${i}`;
      const reply = await stack.api('POST', '/loans', { token: await stack.member(username), json: { bookId: LENDING_BOOKS[i % LENDING_BOOKS.length] } });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      loans.push({ id: reply.body.id, username });
    }
    await outage('inventory', [
      perMemberProbe(stack, 'borrower', (i) => ({ method: 'POST', route: '/loans', json: { bookId: LENDING_BOOKS[i % LENDING_BOOKS.length] } }), '/loans', ['no-copy-available']),
      returnProbe(stack, loans),
      perMemberProbe(stack, 'buyer', () => ({ method: 'POST', route: '/orders', json: { bookId: 'bk-1', quantity: 2 } }), '/orders'),
      readProbe(stack, 'info', '/info/bk-1', true),
      readProbe(stack, 'books', '/books/bk-1', false),
    ]);
  });

  it('catalog down under orders, availability, inventory and /info: 503 naming catalog, nothing half done, then recovery', async () => {
    const date = dateIn(4);
    await outage('catalog', [
      perMemberProbe(stack, 'shopper', () => ({ method: 'POST', route: '/orders', json: { bookId: 'bk-2', quantity: 1 } }), '/orders'),
      perMemberProbe(stack, 'purchaser', () => ({ method: 'POST', route: '/purchase/bk-3' }), '/orders'),
      lastValueProbe(
        stack,
        'schedule',
        (i) => ({ method: 'PUT', route: `/schedule/${date}`, json: [{ bookId: 'bk-7', seats: 10 + i }] }),
        async () => (await stack.api('GET', `/schedule/${date}`)).body.map((offer: { seats: number }) => offer.seats),
        (i) => [10 + i],
      ),
      lastValueProbe(
        stack,
        'restock',
        (i) => ({ method: 'PUT', route: '/inventory/bk-30/stock', json: { stock: 100 + i } }),
        async () => (await stack.api('GET', '/inventory/bk-30', { token: stack.librarian })).body.stock,
        (i) => 100 + i,
      ),
      readProbe(stack, 'info', '/info/bk-1', true),
      readProbe(stack, 'schedule-read', '/schedule', false),
    ]);
  });

  for (const service of Object.keys(OWN_ROUTE) as ServiceName[]) {
    it(`${service} down under the gateway: its routes answer 503 naming it, the others are untouched, /health says so`, async () => {
      const other = service === 'availability' ? OWN_ROUTE.catalog : OWN_ROUTE.availability;
      // The gateway's /health answers from its last background check (about a second old at most).
      const healthSays = (status: number, down: string[]) => async () => {
        const health = await fetch(`${stack.gatewayUrl}/health`);
        const body = await health.json();
        const saysDown = body.services.filter((s: { status: string }) => s.status !== 'up').map((s: { name: string }) => s.name);
        const seen = `${health.status} ${saysDown.join(',')}`;
        return seen === `${status} ${down.join(',')}` ? null : `gateway /health says ${seen}`;
      };
      await outage(service, [readProbe(stack, service, OWN_ROUTE[service], true), readProbe(stack, 'other', other, false)], async () => {
        assert.equal(await eventually(healthSays(503, [service]), 5000), null);
      });
      assert.equal(await eventually(healthSays(200, []), 5000), null, 'the gateway still reports an outage after the restart');
    });
  }
});
