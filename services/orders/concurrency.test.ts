import assert from 'node:assert/strict';
import { send } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { settled, startShop, type Shop } from '../../test/fixtures/orders.js';

describe('POST /orders under concurrency', () => {
  let shop: Shop;
  let alice: string;
  const buy = (json: unknown, key?: string, token = alice) =>
    send(shop.url, 'POST', '/orders', { json, token, headers: key === undefined ? {} : { 'idempotency-key': key } });
  const unitsLogged = (bookId: string) => shop.logRows().filter((r) => r.book_id === bookId).reduce((sum, r) => sum + Number(r.quantity), 0);

  before(async () => {
    alice = await tokenFor('alice');
  });
  beforeEach(async () => {
    shop = await startShop();
  });
  afterEach(async () => {
    await shop.close();
  });

  it('sells stock 10 to 200 parallel one-unit buyers: 10 orders, 190 out-of-stock, stock 0 and 10 rows', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => tokenFor(`buyer${i}`)));
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0 ? send(shop.url, 'POST', '/purchase/bk-1', { token: tokens[i % 20] }) : buy({ bookId: 'bk-1', quantity: 1 }, undefined, tokens[i % 20]),
      ),
    );
    const sold = replies.filter((r) => r.status === 201);
    assert.equal(sold.length, 10);
    assert.equal(replies.filter((r) => r.status === 409 && r.body.type === '/problems/out-of-stock').length, 190);
    assert.equal(await shop.stockOf('bk-1'), 0);
    const rows = shop.logRows();
    assert.equal(rows.length, 10);
    assert.deepEqual(new Set(rows.map((r) => r.order_id)), new Set(sold.map((r) => r.body.id)));
    assert.equal((await shop.stockOf('bk-1')) + unitsLogged('bk-1'), 10);
    await settled(shop.url);
    assert.equal(shop.booted.reconciler.pending.releases, 0);
  });

  it('never lets mixed quantities drive stock below 0', async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => buy({ bookId: 'bk-1', quantity: 1 + (i % 3) })));
    const sold = replies.filter((r) => r.status === 201).reduce((sum, r) => sum + r.body.quantity, 0);
    assert.ok(sold <= 10 && sold >= 8, `sold ${sold}`); // whatever is left is less than the smallest refused request
    assert.equal(await shop.stockOf('bk-1'), 10 - sold);
    assert.equal(unitsLogged('bk-1'), sold);
  });

  describe('Idempotency-Key', () => {
    it('answers the same key sent 5 times at once, then 5 times more, with one order and one body', async () => {
      const first = await Promise.all(Array.from({ length: 5 }, () => buy({ bookId: 'bk-1', quantity: 2 }, 'key-1')));
      const later = [];
      for (let i = 0; i < 5; i++) later.push(await buy({ bookId: 'bk-1', quantity: 2 }, 'key-1'));
      const replies = [...first, ...later];
      for (const reply of replies) {
        assert.equal(reply.status, 201);
        assert.deepEqual(reply.body, first[0].body);
      }
      assert.equal(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 9);
      assert.equal(shop.logRows().length, 1);
      assert.equal(await shop.stockOf('bk-1'), 8);
    });

    it('refuses the same key with another body with 422 /problems/idempotency-key-reused, also while the first runs', async () => {
      const [a, b] = await Promise.all([buy({ bookId: 'bk-1', quantity: 1 }, 'key-2'), buy({ bookId: 'bk-1', quantity: 3 }, 'key-2')]);
      assert.equal(a.status, 201);
      assert.equal(b.status, 422);
      assert.equal(b.body.type, '/problems/idempotency-key-reused');
      const c = await buy({ bookId: 'bk-2', quantity: 1 }, 'key-2');
      assert.equal(c.body.type, '/problems/idempotency-key-reused');
      assert.equal(shop.logRows().length, 1);
      assert.equal(await shop.stockOf('bk-1'), 9);
    });

    it('scopes keys per user', async () => {
      const mine = await buy({ bookId: 'bk-1', quantity: 1 }, 'shared-key');
      const theirs = await buy({ bookId: 'bk-1', quantity: 1 }, 'shared-key', await tokenFor('bob'));
      assert.equal(mine.status, 201);
      assert.equal(theirs.status, 201);
      assert.notEqual(mine.body.id, theirs.body.id);
      assert.equal(theirs.body.username, 'bob');
    });

    it('keeps the key across a restart of orders', async () => {
      const first = await buy({ bookId: 'bk-1', quantity: 1 }, 'key-3');
      await shop.stopOrders();
      await shop.startOrders();
      const again = await buy({ bookId: 'bk-1', quantity: 1 }, 'key-3');
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body);
      assert.equal(shop.logRows().length, 1);
    });

    it('lets a key whose purchase was refused try again', async () => {
      const refused = await buy({ bookId: 'bk-3', quantity: 1 }, 'key-4');
      assert.equal(refused.body.type, '/problems/out-of-stock');
      const restock = await send(shop.inventoryUrl, 'PUT', '/inventory/bk-3/stock', { json: { stock: 1 }, token: await tokenFor('lib', 'librarian') });
      assert.equal(restock.status, 200);
      const retried = await buy({ bookId: 'bk-3', quantity: 1 }, 'key-4');
      assert.equal(retried.status, 201);
      assert.equal(await shop.stockOf('bk-3'), 0);
    });
  });
});
