import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

describe('inventory public routes', () => {
  let f: InventoryFixture;
  let member: string;
  let librarian: string;
  const get = (route: string, token: string | null = member) => send(f.url, 'GET', route, { token: token ?? undefined });

  before(async () => {
    member = await tokenFor('alice', 'member');
    librarian = await tokenFor('admin', 'librarian');
  });
  afterEach(async () => {
    await f.dispose();
  });

  describe('reads', () => {
    beforeEach(async () => {
      f = await startInventory();
    });

    it('GET /inventory lists every book with its copies and stock, paged', async () => {
      const all = await get('/inventory');
      assert.equal(all.status, 200);
      assert.deepEqual(all.body, {
        total: 3,
        items: [
          { bookId: 'bk-1', copies: { total: 3, available: 3 }, stock: 12 },
          { bookId: 'bk-2', copies: { total: 1, available: 1 }, stock: 0 },
          { bookId: 'bk-3', copies: { total: 0, available: 0 }, stock: 5 },
        ],
      });
      const page = await get('/inventory?limit=1&offset=1');
      assert.deepEqual(page.body.items.map((i: { bookId: string }) => i.bookId), ['bk-2']);
      assert.equal(page.body.total, 3);
    });

    it('GET /inventory/:bookId shows each copy with its status', async () => {
      const reply = await get('/inventory/bk-1', librarian);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, {
        bookId: 'bk-1',
        copies: { total: 3, available: 3 },
        stock: 12,
        barcodes: ['BC000001', 'BC000002', 'BC000003'].map((barcode) => ({ barcode, status: 'available' })),
      });
    });

    it('GET /inventory/:bookId answers 404 /problems/not-found for a book inventory has no record of', async () => {
      const reply = await get('/inventory/bk-99');
      assert.equal(reply.status, 404);
      assert.equal(reply.body.type, '/problems/not-found');
    });

    it('needs a token to read', async () => {
      assert.equal((await get('/inventory', null)).status, 401);
      assert.equal((await get('/inventory/bk-1', null)).status, 401);
    });
  });

  describe('POST /inventory/:bookId/copies', () => {
    beforeEach(async () => {
      f = await startInventory({ withCatalog: true });
    });
    const add = (bookId: string, count: number, token = librarian) =>
      send(f.url, 'POST', `/inventory/${bookId}/copies`, { json: { count }, token });

    it('adds copies with new sequential barcodes, available at once', async () => {
      const reply = await add('bk-3', 2);
      assert.equal(reply.status, 201);
      assert.deepEqual(reply.body, { bookId: 'bk-3', barcodes: ['BC000005', 'BC000006'] });
      assert.deepEqual((await get('/inventory/bk-3')).body.copies, { total: 2, available: 2 });
    });

    it('gives parallel additions distinct barcodes with no gaps', async () => {
      const replies = await Promise.all(Array.from({ length: 10 }, () => add('bk-1', 3)));
      assert.ok(replies.every((r) => r.status === 201));
      const barcodes = replies.flatMap((r) => r.body.barcodes as string[]).sort();
      assert.deepEqual(barcodes, Array.from({ length: 30 }, (_, i) => `BC${String(i + 5).padStart(6, '0')}`));
      assert.equal((await get('/inventory/bk-1')).body.copies.total, 33);
    });

    it('starts the inventory of a catalog book it had no record of', async () => {
      const book = { isbn: '9780999900048', title: 'Four', authors: ['D'], topic: 't', price: 5 };
      const created = await send(f.catalogUrl, 'POST', '/books', { json: book, token: librarian });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await get(`/inventory/${created.body.id}`)).status, 404);
      assert.equal((await add(created.body.id, 1)).status, 201);
      assert.deepEqual((await get(`/inventory/${created.body.id}`)).body.copies, { total: 1, available: 1 });
    });

    it('refuses a book the catalog does not have with 404 /problems/unknown-book, writing nothing', async () => {
      const before = snapshotFiles(f.dir);
      const reply = await add('bk-404', 1);
      assert.equal(reply.status, 404);
      assert.equal(reply.body.type, '/problems/unknown-book');
      assert.deepEqual(snapshotFiles(f.dir), before);
    });

    it('refuses members with 403, writing nothing', async () => {
      const before = snapshotFiles(f.dir);
      assert.equal((await add('bk-1', 1, member)).status, 403);
      assert.deepEqual(snapshotFiles(f.dir), before);
    });
  });

  describe('PUT /inventory/:bookId/stock', () => {
    beforeEach(async () => {
      f = await startInventory({ withCatalog: true });
    });
    const put = (bookId: string, stock: number, token = librarian) => send(f.url, 'PUT', `/inventory/${bookId}/stock`, { json: { stock }, token });

    it('sets the units for sale, down to 0', async () => {
      const reply = await put('bk-2', 7);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { bookId: 'bk-2', copies: { total: 1, available: 1 }, stock: 7 });
      assert.equal((await put('bk-1', 0)).body.stock, 0);
      assert.equal((await get('/inventory/bk-1')).body.stock, 0);
    });

    it('refuses a book the catalog does not have with 404 /problems/unknown-book, writing nothing', async () => {
      const before = snapshotFiles(f.dir);
      const reply = await put('bk-404', 3);
      assert.equal(reply.status, 404);
      assert.equal(reply.body.type, '/problems/unknown-book');
      assert.equal((await put('bk-1', 3, member)).status, 403);
      assert.deepEqual(snapshotFiles(f.dir), before);
    });
  });

  describe('while the catalog is down', () => {
    beforeEach(async () => {
      f = await startInventory();
    });

    it('answers 503 naming the catalog for POST copies and PUT stock, and writes nothing', async () => {
      const before = snapshotFiles(f.dir);
      const replies = [
        await send(f.url, 'POST', '/inventory/bk-1/copies', { json: { count: 1 }, token: librarian }),
        await send(f.url, 'PUT', '/inventory/bk-1/stock', { json: { stock: 1 }, token: librarian }),
      ];
      for (const reply of replies) {
        assert.equal(reply.status, 503);
        assert.equal(reply.body.type, '/problems/service-unavailable');
        assert.equal(reply.body.service, 'catalog');
      }
      assert.deepEqual(snapshotFiles(f.dir), before);
      assert.equal((await get('/inventory/bk-1')).body.stock, 12);
    });
  });
});
