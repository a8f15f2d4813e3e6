// /info and DELETE ask inventory: here the real inventory app runs beside the catalog.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { send, tempDataDir } from '../../test/support/http.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp as createInventoryApp } from '../inventory/app.js';
import { openInventory, type Inventory } from '../inventory/open.js';
import { seed as seedInventory } from '../inventory/seed.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { CatalogClient } from '../contracts/catalog-client.js';
import { bind, startCatalog, tempSeedDir, type Bound, type CatalogFixture } from '../../test/fixtures/catalog.js';

/** Copies and stock as inventory seeds them; bk-5 is added later and inventory never hears of it. */
const BOOKS_CSV = [
  'id,isbn,title,authors,topic,year,price,copies,stock',
  'bk-1,9780132350884,"Clean Code","Robert C. Martin",software-engineering,2008,39.99,2,5',
  'bk-2,9780201633610,"Design Patterns","Erich Gamma",programming,1994,49.99,1,0',
  'bk-3,9780999900024,"RPCs for Noobs","Remote Procedure",distributed-systems,2001,9.99,0,3',
  'bk-4,9781449373320,"Designing Data-Intensive Applications","Martin Kleppmann",distributed-systems,2017,49.99,0,0',
].join('\n');

describe('catalog with inventory', () => {
  let catalog: CatalogFixture;
  let inventory: Inventory;
  let inventoryServer: Bound;
  let folders: string[];
  let librarian: string;

  beforeEach(async () => {
    librarian = await tokenFor('lib', 'librarian');
    inventoryServer = await bind();
    const catalogServer = await bind();
    const dataDir = tempDataDir('catalog-inventory-');
    const seedDir = tempSeedDir(BOOKS_CSV);
    folders = [dataDir, seedDir];
    await seedInventory({ dataDir, seedDir, env: {} });
    const catalogClient = new CatalogClient(new ServiceClient('catalog', catalogServer.url, 2000, testTokens.serviceToken('inventory')));
    inventory = await openInventory({ dir: path.join(dataDir, 'inventory'), catalog: catalogClient, log: () => {} });
    inventoryServer.attach(createInventoryApp({ inventory, tokens: testTokens, log: () => {}, logRequests: false }));
    catalog = await startCatalog({ booksCsv: BOOKS_CSV, inventoryUrl: inventoryServer.url, bound: catalogServer });
  });

  afterEach(async () => {
    await catalog.close();
    await inventoryServer.close();
    await inventory.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  describe('GET /info/:id', () => {
    it('answers id, title, topic, price and the stock inventory holds', async () => {
      const reply = await send(catalog.url, 'GET', '/info/bk-1');
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { id: 'bk-1', title: 'Clean Code', topic: 'software-engineering', price: 39.99, stock: 5 });
    });

    it('follows a change of stock in inventory', async () => {
      const set = await send(inventoryServer.url, 'PUT', '/inventory/bk-1/stock', { json: { stock: 17 }, token: librarian });
      assert.equal(set.status, 200);
      assert.equal((await send(catalog.url, 'GET', '/info/bk-1')).body.stock, 17);
    });

    it('answers stock 0 for a book inventory has no record of', async () => {
      const added = await send(catalog.url, 'POST', '/books', {
        json: { isbn: '9780596517748', title: 'JavaScript: The Good Parts', authors: ['Douglas Crockford'], topic: 'programming', price: 29.99 },
        token: librarian,
      });
      assert.equal(added.body.id, 'bk-5');
      assert.equal((await send(inventoryServer.url, 'GET', '/inventory/bk-5', { token: librarian })).status, 404);
      assert.equal((await send(catalog.url, 'GET', '/info/bk-5')).body.stock, 0);
    });

    it('answers 404 for a book the catalog does not have', async () => {
      assert.equal((await send(catalog.url, 'GET', '/info/bk-99')).status, 404);
    });
  });

  describe('DELETE /books/:id', () => {
    const remove = (id: string) => send(catalog.url, 'DELETE', `/books/${id}`, { token: librarian });

    it('is refused with 409 /problems/book-in-use while inventory holds copies or stock', async () => {
      for (const [id, copies, stock] of [['bk-1', 2, 5], ['bk-2', 1, 0], ['bk-3', 0, 3]] as const) {
        const reply = await remove(id);
        assert.equal(reply.status, 409, id);
        assert.equal(reply.body.type, '/problems/book-in-use');
        assert.deepEqual([reply.body.copies, reply.body.stock], [copies, stock], id);
        assert.equal((await send(catalog.url, 'GET', `/books/${id}`)).status, 200);
      }
    });

    it('goes ahead once every copy is withdrawn and the stock is 0', async () => {
      const { body } = await send(inventoryServer.url, 'GET', '/inventory/bk-2', { token: librarian });
      const withdrawn = await send(inventoryServer.url, 'PATCH', `/inventory/copies/${body.barcodes[0].barcode}`, { json: { status: 'withdrawn' }, token: librarian });
      assert.equal(withdrawn.status, 200);
      assert.equal((await remove('bk-2')).status, 204);
      assert.equal((await send(catalog.url, 'GET', '/books/bk-2')).status, 404);
      assert.equal((await send(catalog.url, 'GET', '/books?q=design%20patterns')).body.total, 0);
    });

    it('deletes a book whose inventory record holds nothing, or that inventory never heard of', async () => {
      assert.equal((await remove('bk-4')).status, 204);
      const added = await send(catalog.url, 'POST', '/books', {
        json: { isbn: '9780596517748', title: 'JavaScript: The Good Parts', authors: ['Douglas Crockford'], topic: 'programming', price: 29.99 },
        token: librarian,
      });
      assert.equal((await remove(added.body.id)).status, 204);
      assert.deepEqual((await send(catalog.url, 'GET', '/topics')).body.items.map((t: { topic: string }) => t.topic), ['distributed-systems', 'programming', 'software-engineering']);
    });
  });
});

describe('catalog with inventory down', () => {
  let catalog: CatalogFixture;
  before(async () => (catalog = await startCatalog()));
  after(() => catalog.close());

  it('GET /info/:id answers 503 /problems/service-unavailable naming inventory', async () => {
    const reply = await send(catalog.url, 'GET', '/info/bk-1');
    assert.equal(reply.status, 503);
    assert.equal(reply.body.type, '/problems/service-unavailable');
    assert.equal(reply.body.service, 'inventory');
    assert.match(reply.body.detail, /inventory: reading the inventory of bk-1 failed/);
  });

  it('DELETE /books/:id answers 503 and keeps the book', async () => {
    const reply = await send(catalog.url, 'DELETE', '/books/bk-1', { token: await tokenFor('lib', 'librarian') });
    assert.equal(reply.status, 503);
    assert.equal(reply.body.service, 'inventory');
    assert.equal((await send(catalog.url, 'GET', '/books/bk-1')).status, 200);
  });
});
