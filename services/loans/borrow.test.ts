import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { movableClock } from '../../test/support/clock.js';
import { onLoanAtInventory, startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';

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
