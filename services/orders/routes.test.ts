import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { ORDER_LOG_COLUMNS } from './store.js';
import { settled, startShop, type Shop } from '../../test/fixtures/orders.js';

describe('orders routes', () => {
  let shop: Shop;
  let alice: string;
  let bob: string;
  let librarian: string;
  const buy = (json: unknown, token = alice, headers: Record<string, string> = {}) => send(shop.url, 'POST', '/orders', { json, token, headers });

  before(async () => {
    alice = await tokenFor('alice');
    bob = await tokenFor('bob');
    librarian = await tokenFor('lib', 'librarian');
  });
  beforeEach(async () => {
    shop = await startShop();
  });
  afterEach(async () => {
    await shop.close();
  });

  describe('POST /orders', () => {
    it('sells the units at the catalog price, logs the order and answers 201 with it', async () => {
      const reply = await buy({ bookId: 'bk-1', quantity: 3 });
      assert.equal(reply.status, 201);
      const { createdAt, ...rest } = reply.body;
      assert.deepEqual(rest, { id: 'ord-1', bookId: 'bk-1', title: 'Ten Units', quantity: 3, unitPrice: 12.5, total: 37.5, username: 'alice' });
      assert.ok(Math.abs(Date.parse(createdAt) - Date.now()) < 60_000 && createdAt.endsWith('Z'));
      assert.equal(await shop.stockOf('bk-1'), 7);
      assert.equal(shop.logText().split('\n')[0], ORDER_LOG_COLUMNS.join(','));
      assert.deepEqual(shop.logRows(), [
        { order_id: 'ord-1', timestamp: createdAt, username: 'alice', book_id: 'bk-1', title: 'Ten Units', quantity: '3', unit_price: '12.5', total: '37.5' },
      ]);
    });

    it('rounds the total to cents', async () => {
      const reply = await buy({ bookId: 'bk-2', quantity: 3 });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.unitPrice, 9.99);
      assert.equal(reply.body.total, 29.97);
    });

    it('refuses a book the catalog does not have with 404 /problems/unknown-book, writing nothing', async () => {
      const before = snapshotFiles(shop.dataDir);
      const reply = await buy({ bookId: 'bk-404', quantity: 1 });
      assert.equal(reply.status, 404);
      assert.equal(reply.body.type, '/problems/unknown-book');
      assert.deepEqual(snapshotFiles(shop.dataDir), before);
    });

    it('refuses more than is for sale with 409 /problems/out-of-stock, logging nothing and keeping the stock', async () => {
      for (const [bookId, quantity] of [['bk-1', 11], ['bk-3', 1]] as const) {
        const reply = await buy({ bookId, quantity });
        assert.equal(reply.status, 409, bookId);
        assert.equal(reply.body.type, '/problems/out-of-stock');
      }
      assert.equal(await shop.stockOf('bk-1'), 10);
      assert.deepEqual(shop.logRows(), []);
      await shop.booted.flush();
      assert.equal(shop.booted.reconciler.pending.releases, 0);
    });

    it('answers 401 without a token, writing nothing', async () => {
      const before = snapshotFiles(shop.dataDir);
      const reply = await send(shop.url, 'POST', '/orders', { json: { bookId: 'bk-1', quantity: 1 } });
      assert.equal(reply.status, 401);
      assert.equal(reply.body.type, '/problems/unauthorized');
      assert.deepEqual(snapshotFiles(shop.dataDir), before);
    });

    it('escapes a title or username a spreadsheet would run as a formula', async () => {
      for (const username of ['-mallory', '@eve', '+trudy', '=oscar']) {
        assert.equal((await buy({ bookId: 'bk-2', quantity: 1 }, await tokenFor(username))).status, 201);
      }
      const lines = shop.logText().trim().split('\n').slice(1);
      assert.equal(lines.length, 4);
      for (const line of lines) {
        assert.match(line, /,'[-@+=][a-z]+,bk-2,"'=HYPERLINK\(""http:\/\/evil\.example""\)",1,9\.99,9\.99$/);
      }
      // Read back, each cell is the escaped text: nothing a spreadsheet would evaluate.
      for (const row of shop.logRows()) {
        assert.ok(row.title.startsWith("'=") && row.username.startsWith("'"), JSON.stringify(row));
      }
    });

    it('sells at the new price as soon as the catalog has answered a price change', async () => {
      while (!shop.booted.books.feed!.usable()) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal((await buy({ bookId: 'bk-1', quantity: 1 })).body.unitPrice, 12.5);
      assert.equal((await buy({ bookId: 'bk-1', quantity: 1 })).body.unitPrice, 12.5); // from the kept book
      const patch = await send(shop.catalogUrl, 'PATCH', '/books/bk-1', { json: { price: 20, title: 'Ten Units, 2nd ed.' }, token: librarian });
      assert.equal(patch.status, 200);
      const after = await buy({ bookId: 'bk-1', quantity: 2 });
      assert.equal(after.status, 201);
      assert.deepEqual([after.body.title, after.body.unitPrice, after.body.total], ['Ten Units, 2nd ed.', 20, 40]);
      assert.deepEqual(shop.logRows().map((row) => row.unit_price), ['12.5', '12.5', '20']);
    });

    it('answers 503 naming the catalog when it is down, writing nothing', async () => {
      await shop.stopCatalog();
      const before = snapshotFiles(shop.dataDir);
      const reply = await buy({ bookId: 'bk-1', quantity: 1 });
      assert.equal(reply.status, 503);
      assert.equal(reply.body.type, '/problems/service-unavailable');
      assert.equal(reply.body.service, 'catalog');
      assert.deepEqual(snapshotFiles(shop.dataDir), before);
      assert.equal(await shop.stockOf('bk-1'), 10);
    });
  });

  describe('POST /purchase/:id', () => {
    it('buys one unit, as POST /orders does', async () => {
      const reply = await send(shop.url, 'POST', '/purchase/bk-1', { token: alice });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.quantity, 1);
      assert.equal(reply.body.total, 12.5);
      assert.equal(await shop.stockOf('bk-1'), 9);
      assert.equal(shop.logRows().length, 1);
    });

    it('refuses a sold-out book with 409 and an unknown one with 404', async () => {
      assert.equal((await send(shop.url, 'POST', '/purchase/bk-3', { token: alice })).body.type, '/problems/out-of-stock');
      assert.equal((await send(shop.url, 'POST', '/purchase/bk-99', { token: alice })).body.type, '/problems/unknown-book');
      assert.deepEqual(shop.logRows(), []);
    });

    it('refuses a body, since the classic form takes none, writing nothing', async () => {
      const before = snapshotFiles(shop.dataDir);
      const reply = await send(shop.url, 'POST', '/purchase/bk-1', { token: alice, json: { quantity: 2 } });
      assert.equal(reply.status, 422);
      assert.deepEqual(snapshotFiles(shop.dataDir), before);
    });
  });

  describe('GET /orders', () => {
    beforeEach(async () => {
      for (const [token, bookId] of [[alice, 'bk-1'], [bob, 'bk-1'], [alice, 'bk-2']]) {
        assert.equal((await buy({ bookId, quantity: 1 }, token)).status, 201);
      }
    });

    it('gives a member their own orders, newest first', async () => {
      const reply = await send(shop.url, 'GET', '/orders', { token: alice });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.total, 2);
      assert.deepEqual(reply.body.items.map((o: { id: string }) => o.id), ['ord-3', 'ord-1']);
      assert.deepEqual((await send(shop.url, 'GET', '/orders?username=alice', { token: alice })).body.total, 2);
    });

    it("refuses a member another member's orders with 403", async () => {
      const reply = await send(shop.url, 'GET', '/orders?username=bob', { token: alice });
      assert.equal(reply.status, 403);
    });

    it("gives a librarian everyone's orders, or one member's, paged", async () => {
      const all = await send(shop.url, 'GET', '/orders?limit=2', { token: librarian });
      assert.equal(all.body.total, 3);
      assert.deepEqual(all.body.items.map((o: { id: string }) => o.id), ['ord-3', 'ord-2']);
      const next = await send(shop.url, 'GET', '/orders?limit=2&offset=2', { token: librarian });
      assert.deepEqual(next.body.items.map((o: { id: string }) => o.id), ['ord-1']);
      const bobs = await send(shop.url, 'GET', '/orders?username=bob', { token: librarian });
      assert.deepEqual(bobs.body.items.map((o: { username: string }) => o.username), ['bob']);
    });

    for (const query of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc', 'colour=red', 'username=']) {
      it(`refuses ?${query} with 422`, async () => {
        const reply = await send(shop.url, 'GET', `/orders?${query}`, { token: librarian });
        assert.equal(reply.status, 422);
        assert.equal(reply.body.type, '/problems/validation-failed');
      });
    }

    it('answers 401 without a token', async () => {
      assert.equal((await send(shop.url, 'GET', '/orders')).status, 401);
    });
  });

  describe('GET /orders/:id', () => {
    it('shows a member their order, and a librarian anyone’s', async () => {
      const placed = (await buy({ bookId: 'bk-1', quantity: 2 })).body;
      assert.deepEqual((await send(shop.url, 'GET', `/orders/${placed.id}`, { token: alice })).body, placed);
      assert.deepEqual((await send(shop.url, 'GET', `/orders/${placed.id}`, { token: librarian })).body, placed);
    });

    it("answers 404 for another member's order, as for one that does not exist", async () => {
      const placed = (await buy({ bookId: 'bk-1', quantity: 1 })).body;
      const other = await send(shop.url, 'GET', `/orders/${placed.id}`, { token: bob });
      const missing = await send(shop.url, 'GET', '/orders/ord-999', { token: bob });
      assert.equal(other.status, 404);
      assert.equal(missing.status, 404);
      assert.equal(other.body.type, missing.body.type);
      await settled(shop.url);
    });
  });
});
