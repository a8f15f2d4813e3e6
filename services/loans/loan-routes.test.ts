import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { send, snapshotFiles } from '../../test/support/http.js';
import { movableClock } from '../../test/support/clock.js';
import { tokenFor } from '../../test/support/tokens.js';
import { HISTORY_FILE } from './store.js';
import { onLoanAtInventory, startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loans routes', () => {
  let s: LoansStack | undefined;
  let alice: string;
  let bob: string;
  let librarian: string;
  const borrow = async (bookId: string, token = alice) => {
    const reply = await send(s!.url, 'POST', '/loans', { json: { bookId }, token });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  };
  const post = (route: string, token = alice) => send(s!.url, 'POST', route, { token });
  const clock = movableClock();
  const start = async (env: Record<string, string> = {}) => {
    s = await startLoansStack({ copies: [1, 1, 1], env, clock: clock.now });
  };

  before(async () => {
    alice = await tokenFor('alice');
    bob = await tokenFor('bob');
    librarian = await tokenFor('admin', 'librarian');
  });
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  describe('POST /loans/:id/return', () => {
    it('closes the loan with no fine, puts the copy back and appends it to loan_history.csv', async () => {
      await start();
      const loan = await borrow('bk-1');
      const reply = await post(`/loans/${loan.id}/return`);
      assert.equal(reply.status, 200);
      assert.equal(reply.body.status, 'returned');
      assert.equal(reply.body.fine, 0);
      assert.ok(Date.parse(reply.body.returnedAt) >= Date.parse(loan.borrowedAt));
      assert.deepEqual(await onLoanAtInventory(s!.inventory.url, 3), []);
      const csv = readFileSync(path.join(s!.dir, HISTORY_FILE), 'utf8').trim().split('\n');
      assert.equal(csv[0], 'loan_id,book_id,barcode,username,borrowed_at,due_at,returned_at,renewals,fine');
      assert.deepEqual(csv.slice(1), [
        [loan.id, 'bk-1', 'BC000001', 'alice', loan.borrowedAt, loan.dueAt, reply.body.returnedAt, '0', '0.00'].join(','),
      ]);
      assert.equal((await borrow('bk-1', bob)).barcode, 'BC000001', 'the copy can be lent again');
    });

    it('says where the copy goes next: the open shelf, or the hold shelf for the first in line', async () => {
      await start();
      const first = await borrow('bk-1');
      assert.deepEqual((await post(`/loans/${first.id}/return`)).body.next, { shelf: 'open' });
      const second = await borrow('bk-1');
      const hold = await send(s!.url, 'POST', '/holds', { json: { bookId: 'bk-1' }, token: bob });
      assert.equal(hold.status, 201);
      const reply = await send(s!.url, 'POST', `/loans/${second.id}/return`, { token: librarian });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body.next, { shelf: 'hold', holdId: hold.body.id, username: 'bob' });
      const shelf = await send(s!.url, 'GET', '/holds?status=ready', { token: librarian });
      assert.deepEqual(shelf.body.items.map((h: { id: string; barcode: string }) => [h.id, h.barcode]), [[hold.body.id, second.barcode]]);
    });

    it('refuses a second return with 409 /problems/loan-returned, changing nothing', async () => {
      await start();
      const loan = await borrow('bk-1');
      assert.equal((await post(`/loans/${loan.id}/return`)).status, 200);
      await s!.loans.store.flush();
      const before = snapshotFiles(s!.dir);
      const again = await post(`/loans/${loan.id}/return`);
      assert.equal(again.status, 409);
      assert.equal(again.body.type, '/problems/loan-returned');
      assert.deepEqual(snapshotFiles(s!.dir), before);
    });

    it('answers 503 naming inventory when it is down, keeping the return pending', async () => {
      await start();
      const loan = await borrow('bk-1');
      await s!.stopInventory();
      const reply = await post(`/loans/${loan.id}/return`);
      assert.equal(reply.status, 503);
      assert.equal(reply.body.type, '/problems/service-unavailable');
      assert.equal(reply.body.service, 'inventory');
      const now = await send(s!.url, 'GET', `/loans/${loan.id}`, { token: alice });
      assert.equal(now.body.status, 'active');
      // The check-in may have reached inventory: the return stays recorded, to be finished.
      assert.equal(s!.loans.store.get('loans', loan.id)?.returning?.shelf, 'available');
    });
  });

  describe('POST /loans/:id/renew', () => {
    it('moves the due date one loan period on', async () => {
      await start();
      const loan = await borrow('bk-1');
      const reply = await post(`/loans/${loan.id}/renew`);
      assert.equal(reply.status, 200);
      assert.equal(reply.body.renewals, 1);
      assert.equal(Date.parse(reply.body.dueAt) - Date.parse(loan.dueAt), 14 * 86_400_000);
    });

    it('refuses a renewal past the cap with 422 /problems/renewal-limit', async () => {
      await start({ LOAN_RENEWALS: '1' });
      const loan = await borrow('bk-1');
      assert.equal((await post(`/loans/${loan.id}/renew`)).status, 200);
      const reply = await post(`/loans/${loan.id}/renew`);
      assert.equal(reply.status, 422);
      assert.equal(reply.body.type, '/problems/renewal-limit');
    });

    it('refuses an overdue loan with 422 /problems/loan-overdue', async () => {
      await start();
      const loan = await borrow('bk-1');
      clock.advance(15 * 86_400_000); // a day past the loan period
      const reply = await post(`/loans/${loan.id}/renew`);
      assert.equal(reply.status, 422);
      assert.equal(reply.body.type, '/problems/loan-overdue');
    });

    it('refuses when another member holds the book with 409 /problems/book-on-hold', async () => {
      await start();
      const loan = await borrow('bk-1');
      assert.equal((await send(s!.url, 'POST', '/holds', { json: { bookId: 'bk-1' }, token: bob })).status, 201);
      const reply = await post(`/loans/${loan.id}/renew`);
      assert.equal(reply.status, 409);
      assert.equal(reply.body.type, '/problems/book-on-hold');
      assert.equal((await send(s!.url, 'GET', `/loans/${loan.id}`, { token: alice })).body.renewals, 0);
    });
  });

  describe('another member', () => {
    it('cannot see, renew or return a loan: 404 each time, and the loan is untouched', async () => {
      await start();
      const loan = await borrow('bk-1');
      // The borrow answers before its take is confirmed: wait for that write, so it is not seen as a change.
      while (!s!.loans.store.get('loans', loan.id)?.confirmed) await sleep(10);
      await s!.loans.store.flush();
      const before = snapshotFiles(s!.dir);
      for (const [method, route] of [['GET', `/loans/${loan.id}`], ['POST', `/loans/${loan.id}/renew`], ['POST', `/loans/${loan.id}/return`]]) {
        const reply = await send(s!.url, method, route, { token: bob });
        assert.equal(reply.status, 404, `${method} ${route}`);
      }
      assert.deepEqual(snapshotFiles(s!.dir), before);
      assert.equal((await send(s!.url, 'GET', `/loans/${loan.id}`, { token: librarian })).status, 200, 'a librarian sees it');
    });
  });

  describe('GET /loans', () => {
    it('lists a member their own loans by status, newest first, and a librarian everyone', async () => {
      await start();
      const first = await borrow('bk-1');
      const second = await borrow('bk-2');
      await borrow('bk-3', bob);
      assert.equal((await post(`/loans/${first.id}/return`)).status, 200);
      clock.advance(15 * 86_400_000); // a day past the loan period
      const list = async (query: string, token = alice) => (await send(s!.url, 'GET', `/loans${query}`, { token })).body;
      assert.deepEqual((await list('')).items.map((l: { id: string }) => l.id), [second.id, first.id]);
      assert.deepEqual((await list('?status=returned')).items.map((l: { id: string }) => l.id), [first.id]);
      const overdue = await list('?status=overdue');
      assert.deepEqual(overdue.items.map((l: { id: string; overdue: boolean }) => [l.id, l.overdue]), [[second.id, true]]);
      assert.equal((await list('?status=active')).total, 1, 'an overdue loan is still active');
      assert.equal((await list('', librarian)).total, 3);
      assert.equal((await list('?username=bob', librarian)).total, 1);
      assert.deepEqual(await list('?limit=1&offset=1'), { items: [(await list('?status=returned')).items[0]], total: 2 });
    });

    it('finds the active loan of a copy by its barcode, for a librarian; a member only their own', async () => {
      await start();
      const mine = await borrow('bk-1');
      await borrow('bk-2', bob);
      const returned = await borrow('bk-3');
      assert.equal((await post(`/loans/${returned.id}/return`)).status, 200);
      const find = async (query: string, token = librarian) => (await send(s!.url, 'GET', `/loans${query}`, { token })).body;
      assert.deepEqual((await find(`?barcode=${mine.barcode}&status=active`)).items.map((l: { id: string }) => l.id), [mine.id]);
      assert.deepEqual(await find(`?barcode=${returned.barcode}&status=active`), { items: [], total: 0 }, 'a returned loan is not active');
      assert.equal((await find(`?barcode=${returned.barcode}`)).total, 1, 'without status, history too');
      assert.equal((await find('?barcode=BC000002&status=active', alice)).total, 0, "a member does not find another member's loan");
      assert.equal((await find(`?barcode=${mine.barcode}&status=active`, alice)).total, 1);
    });

    it('refuses a member asking for another member with 403, and bad queries with 422', async () => {
      await start();
      assert.equal((await send(s!.url, 'GET', '/loans?username=bob', { token: alice })).status, 403);
      for (const query of ['?status=lost', '?limit=0', '?limit=101', '?offset=-1', '?colour=red', '?limit=1.5']) {
        const reply = await send(s!.url, 'GET', `/loans${query}`, { token: alice });
        assert.equal(reply.status, 422, query);
      }
      assert.equal((await send(s!.url, 'GET', '/loans')).status, 401);
    });
  });
});
