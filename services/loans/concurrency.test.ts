import assert from 'node:assert/strict';
import { send } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { openLoansStore } from './store.js';
import { activeLoanBarcodes, onLoanAtInventory, startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';

describe('POST /loans under concurrency', () => {
  let s: LoansStack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('50 concurrent borrows of a book with one copy → 1 loan and 49 no-copy refusals', async () => {
    s = await startLoansStack({ copies: [1] });
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => tokenFor(`member${i}`)));
    const replies = await Promise.all(tokens.map((token) => send(s!.url, 'POST', '/loans', { json: { bookId: 'bk-1' }, token })));
    const statuses = replies.map((r) => r.status);
    assert.equal(statuses.filter((status) => status === 201).length, 1, JSON.stringify(statuses));
    const refusals = replies.filter((r) => r.status !== 201);
    assert.equal(refusals.length, 49);
    for (const r of refusals) {
      assert.equal(r.status, 409);
      assert.equal(r.body.type, '/problems/no-copy-available');
    }
    const inventory = await send(s.inventory.url, 'GET', '/inventory/bk-1', { token: tokens[0] });
    assert.deepEqual(inventory.body.copies, { total: 1, available: 0 });
    assert.deepEqual(await activeLoanBarcodes(s.url), ['BC000001']);
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 1), ['BC000001']);
    await s.loans.store.flush();
    assert.equal(s.loans.store.count('intents'), 0, 'no intent is left behind');
  });

  it('a member with a cap of 3 sends 10 parallel borrows of different books → exactly 3 loans', async () => {
    s = await startLoansStack({ copies: Array(10).fill(1), env: { LOAN_MAX_ACTIVE: '3' } });
    const token = await tokenFor('carol');
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => send(s!.url, 'POST', '/loans', { json: { bookId: `bk-${i + 1}` }, token })),
    );
    const created = replies.filter((r) => r.status === 201);
    assert.equal(created.length, 3, JSON.stringify(replies.map((r) => r.status)));
    for (const r of replies.filter((r) => r.status !== 201)) {
      assert.equal(r.status, 422);
      assert.equal(r.body.type, '/problems/loan-limit-reached');
    }
    const barcodes = created.map((r) => r.body.barcode).sort();
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 10), barcodes);
    const list = await send(s.url, 'GET', '/loans?status=active', { token });
    assert.equal(list.body.total, 3);

    // What was acknowledged is on disk: the files, reopened, hold the same three loans.
    const dir = s.dir;
    await s.close();
    s = undefined;
    const store = await openLoansStore(dir);
    assert.deepEqual([...store.values('loans')].map((loan) => loan.barcode).sort(), barcodes);
    assert.equal(store.count('intents'), 0);
    await store.close();
  });

  it('parallel returns and renewals of one loan: one return wins, nothing is charged twice', async () => {
    s = await startLoansStack({ copies: [1] });
    const token = await tokenFor('dave');
    const loan = (await send(s.url, 'POST', '/loans', { json: { bookId: 'bk-1' }, token })).body;
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => send(s!.url, 'POST', `/loans/${loan.id}/${i % 2 ? 'renew' : 'return'}`, { token })),
    );
    const returned = replies.filter((r, i) => i % 2 === 0 && r.status === 200);
    assert.equal(returned.length, 1, JSON.stringify(replies.map((r) => [r.status, r.body.type])));
    for (const r of replies.filter((r) => r.status !== 200)) {
      assert.ok(['/problems/return-in-progress', '/problems/loan-returned'].includes(r.body.type), r.body.type);
    }
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 1), []);
    assert.equal((await send(s.url, 'GET', `/loans/${loan.id}`, { token })).body.status, 'returned');
  });
});
