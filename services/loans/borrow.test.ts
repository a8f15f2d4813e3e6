import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { movableClock } from '../../test/support/clock.js';
import { onLoanAtInventory, startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';
import type { InventoryClient } from '../contracts/inventory-client.js';

describe('POST /loans', () => {
  let s: LoansStack;
  let alice: string;
  let bob: string;
  let librarian: string;
  const clock = movableClock();
  const borrow = (json: unknown, token: string | null = alice) => send(s.url, 'POST', '/loans', { json, token: token ?? undefined });

  before(async () => {
    alice = await tokenFor('alice');
    bob = await tokenFor('bob');
    librarian = await tokenFor('admin', 'librarian');
  });
  beforeEach(async () => {
    s = await startLoansStack({ copies: [1, 2, 1, 0, 1], env: { LOAN_MAX_ACTIVE: '2' }, clock: clock.now });
  });
  afterEach(async () => {
    await s.close();
  });

  it('lends a copy of a book: 201 with the loan, and inventory has the copy on loan', async () => {
    const reply = await borrow({ bookId: 'bk-1' });
    assert.equal(reply.status, 201);
    const { id, borrowedAt, dueAt, ...rest } = reply.body;
    assert.match(id, /^ln-\d+$/);
    assert.deepEqual(rest, { bookId: 'bk-1', barcode: 'BC000001', username: 'alice', renewals: 0, status: 'active', overdue: false });
    assert.equal(borrowedAt, new Date(clock.now()).toISOString(), 'borrowed at the time of the loans clock');
    assert.equal(Date.parse(dueAt) - Date.parse(borrowedAt), 14 * 86_400_000);
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 5), ['BC000001']);
    assert.equal((await send(s.url, 'GET', `/loans/${id}`, { token: alice })).body.status, 'active');
  });

  it('lends a copy named by its barcode', async () => {
    const reply = await borrow({ barcode: 'BC000003' });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.bookId, 'bk-2');
    assert.equal(reply.body.barcode, 'BC000003');
  });

  it('lets a librarian lend to a member named by username', async () => {
    const reply = await borrow({ bookId: 'bk-1', username: 'bob' }, librarian);
    assert.equal(reply.status, 201);
    assert.equal(reply.body.username, 'bob');
  });

  it('refuses a member lending to someone else with 403, taking nothing', async () => {
    const reply = await borrow({ bookId: 'bk-1', username: 'bob' }, alice);
    assert.equal(reply.status, 403);
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 5), []);
  });

  it('refuses a book with no copy free with 409 /problems/no-copy-available', async () => {
    assert.equal((await borrow({ bookId: 'bk-1' }, bob)).status, 201);
    for (const bookId of ['bk-1', 'bk-4']) {
      const reply = await borrow({ bookId });
      assert.equal(reply.status, 409, bookId);
      assert.equal(reply.body.type, '/problems/no-copy-available');
    }
  });

  it('refuses a copy that is out, named by barcode, with /problems/no-copy-available', async () => {
    assert.equal((await borrow({ barcode: 'BC000001' }, bob)).status, 201);
    const reply = await borrow({ barcode: 'BC000001' });
    assert.equal(reply.status, 409);
    assert.equal(reply.body.type, '/problems/no-copy-available');
  });

  it('answers 404 /problems/unknown-book for a book the catalog does not have, and unknown-copy for a barcode', async () => {
    const book = await borrow({ bookId: 'bk-99' });
    assert.equal(book.status, 404);
    assert.equal(book.body.type, '/problems/unknown-book');
    const copy = await borrow({ barcode: 'BC999999' });
    assert.equal(copy.status, 404);
    assert.equal(copy.body.type, '/problems/unknown-copy');
  });

  it('refuses a second copy of a book the member already has with 409 /problems/already-borrowed', async () => {
    assert.equal((await borrow({ bookId: 'bk-2' })).status, 201);
    for (const json of [{ bookId: 'bk-2' }, { barcode: 'BC000003' }]) {
      const reply = await borrow(json);
      assert.equal(reply.status, 409, JSON.stringify(json));
      assert.equal(reply.body.type, '/problems/already-borrowed');
    }
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 5), ['BC000002']);
  });

  it('refuses a loan over the cap with 422 /problems/loan-limit-reached', async () => {
    assert.equal((await borrow({ bookId: 'bk-1' })).status, 201);
    assert.equal((await borrow({ bookId: 'bk-2' })).status, 201);
    const reply = await borrow({ bookId: 'bk-3' });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.type, '/problems/loan-limit-reached');
    assert.equal((await borrow({ bookId: 'bk-3' }, bob)).status, 201, 'the cap is per member');
  });

  it('answers 503 naming inventory when inventory is down, and records nothing', async () => {
    await s.stopInventory();
    const reply = await borrow({ bookId: 'bk-1' });
    assert.equal(reply.status, 503);
    assert.equal(reply.body.type, '/problems/service-unavailable');
    assert.equal(reply.body.service, 'inventory');
    assert.match(reply.body.detail, /inventory/);
    await s.loans.store.flush();
    assert.equal(s.loans.store.count('loans'), 0);
    assert.equal(s.loans.store.count('intents'), 0);
    assert.equal((await send(s.url, 'GET', '/loans', { token: alice })).body.total, 0);
  });

  it('needs a bearer token', async () => {
    const reply = await borrow({ bookId: 'bk-1' }, null);
    assert.equal(reply.status, 401);
    assert.equal(reply.body.type, '/problems/unauthorized');
  });

  const invalid: [string, Parameters<typeof send>[3], number][] = [
    ['no body', {}, 400],
    ['malformed JSON', { raw: '{"bookId":' }, 400],
    ['not JSON', { raw: 'bookId=bk-1', headers: { 'content-type': 'text/plain' } }, 415],
    ['both bookId and barcode', { json: { bookId: 'bk-1', barcode: 'BC000001' } }, 422],
    ['neither', { json: {} }, 422],
    ['an unknown field', { json: { bookId: 'bk-1', days: 30 } }, 422],
    ['an empty bookId', { json: { bookId: '' } }, 422],
    ['a number for bookId', { json: { bookId: 1 } }, 422],
    ['a bad username', { json: { bookId: 'bk-1', username: 'No Such!' } }, 422],
    ['an array', { json: [{ bookId: 'bk-1' }] }, 422],
    ['a body over 64 KiB', { json: { bookId: 'x'.repeat(70_000) } }, 413],
  ];
  for (const [what, options, status] of invalid) {
    it(`refuses ${what} with ${status}, writing nothing`, async () => {
      const before = snapshotFiles(s.dir);
      const reply = await send(s.url, 'POST', '/loans', { ...options, token: alice });
      assert.equal(reply.status, status);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
      await s.loans.store.flush();
      assert.deepEqual(snapshotFiles(s.dir), before);
      assert.deepEqual(await onLoanAtInventory(s.inventory.url, 5), []);
    });
  }
});

describe('POST /loans: takes confirmed after the answer, many in one call', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let s: LoansStack;
  let real: InventoryClient;
  const calls: string[][] = [];
  let release!: () => void;

  beforeEach(async () => {
    calls.length = 0;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Inventory as loans sees it, with the first confirm-many call held back.
    s = await startLoansStack({
      copies: [1, 1, 1, 1, 1],
      retryMs: 60_000,
      inventory: (client) => {
        real = client;
        return Object.assign(Object.create(client) as InventoryClient, {
          confirmCopies: async (ids: string[], requestId?: string) => {
            calls.push(ids);
            if (calls.length === 1) await held;
            return client.confirmCopies(ids, requestId);
          },
        });
      },
    });
  });
  afterEach(async () => {
    release();
    await s.close();
  });

  const borrowAs = async (member: string, bookId: string) => send(s.url, 'POST', '/loans', { json: { bookId }, token: await tokenFor(member) });
  const confirmedLoans = () => [...s.loans.store.values('loans')].filter((loan) => loan.confirmed).length;

  it('answers borrows while a confirmation is out, and confirms the takes of all of them in the next call', async () => {
    assert.equal((await borrowAs('alice', 'bk-1')).status, 201, 'the first borrow is answered while its confirmation is held');
    const more = await Promise.all([borrowAs('bob', 'bk-2'), borrowAs('carol', 'bk-3'), borrowAs('dave', 'bk-4')]);
    assert.deepEqual(more.map((r) => r.status), [201, 201, 201]);
    assert.equal(calls.length, 1, 'a second call went out while the first was');
    assert.equal(confirmedLoans(), 0);
    release();
    while (confirmedLoans() < 4) await sleep(10);
    assert.deepEqual(calls.map((ids) => ids.length), [1, 3]);
    for (const id of calls.flat()) await assert.rejects(real.releaseCopy(id), /confirmed/);
  });

  it('voids the one loan of a call whose take inventory let go, and confirms the others', async () => {
    assert.equal((await borrowAs('alice', 'bk-1')).status, 201);
    const [bob, carol] = await Promise.all([borrowAs('bob', 'bk-2'), borrowAs('carol', 'bk-3')]);
    assert.equal(bob.status, 201);
    assert.equal(carol.status, 201);
    // Bob's take released behind loans' back (as a take that timed out would be).
    await real.releaseCopy(s.loans.store.get('loans', bob.body.id)!.operationId);
    release();
    while (confirmedLoans() < 2) await sleep(10);
    while (s.loans.store.get('loans', bob.body.id)) await sleep(10);
    assert.deepEqual(calls.map((ids) => ids.length), [1, 2]);
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 5), ['BC000001', 'BC000003']);
    assert.equal((await send(s.url, 'GET', `/loans/${carol.body.id}`, { token: await tokenFor('carol') })).body.status, 'active');
  });
});
