import assert from 'node:assert/strict';
import path from 'node:path';
import { listen, send, tempDataDir, type Running } from '../../test/support/http.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { createApp } from './app.js';
import { seed } from './seed.js';
import { openCatalogStore, type CatalogStore } from './store.js';
import { CLOSED_PORT_URL, tempSeedDir, SMALL_BOOKS_CSV } from '../../test/fixtures/catalog.js';

const BOOK = { isbn: '978-0-596-51774-8', title: 'JavaScript: The Good Parts', authors: ['Douglas Crockford'], topic: 'programming', price: 29.99 };

describe('catalog on a full disk', () => {
  let store: CatalogStore;
  let server: Running;
  let full = false;
  let failures = 0;
  beforeEach(async () => {
    const dataDir = tempDataDir('catalog-full-');
    await seed({ dataDir, seedDir: tempSeedDir(SMALL_BOOKS_CSV), env: {} });
    store = await openCatalogStore(path.join(dataDir, 'catalog'), {
      write: () => (failures-- > 0 ? { bytes: 5, code: 'ENOSPC' } : undefined),
      repair: () => (full ? 'ENOSPC' : undefined),
    });
    const inventory = new InventoryClient(new ServiceClient('inventory', CLOSED_PORT_URL, 2000, testTokens.serviceToken('catalog')));
    server = await listen(createApp({ store, inventory, tokens: testTokens, log: () => {}, logRequests: false }));
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('answers 503 storage-unavailable, keeps the index as the disk has it, says degraded, and writes again once space is back', async () => {
    const librarian = await tokenFor('lib', 'librarian');
    full = true;
    failures = 1;
    const refused = await send(server.url, 'POST', '/books', { token: librarian, json: BOOK });
    assert.equal(refused.status, 503);
    assert.equal(refused.body.type, '/problems/storage-unavailable');
    assert.match(refused.body.detail, /ENOSPC/);
    // While broken the change runs and is refused: the index is put back (this crashed catalog).
    const patch = await send(server.url, 'PATCH', '/books/bk-1', { token: librarian, json: { title: 'Renamed' } });
    assert.equal(patch.status, 503);
    const health = await send(server.url, 'GET', '/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'degraded');
    assert.match(JSON.stringify(health.body.storage), /ENOSPC/);
    const books = await send(server.url, 'GET', `/books?q=${encodeURIComponent('Good Parts')}`);
    assert.equal(books.body.total, 0, 'the refused book is not searchable');
    assert.equal((await send(server.url, 'GET', '/books/bk-1')).body.title, 'Clean Code');
    full = false;
    for (let i = 0; i < 100 && (await send(server.url, 'GET', '/health')).body.status !== 'ok'; i++) await new Promise((r) => setTimeout(r, 20));
    const created = await send(server.url, 'POST', '/books', { token: librarian, json: BOOK });
    assert.equal(created.status, 201);
  });
});
