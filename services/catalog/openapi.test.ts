import assert from 'node:assert/strict';
import { appRoutes, assertValidDocument, Conformance, describeCall, documentedRoutes, KERNEL_CALLS, type Call } from '../../test/support/openapi.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { createApp } from './app.js';
import { bind, startCatalog, type CatalogFixture } from '../../test/fixtures/catalog.js';

const BOOK = { isbn: '978-0-596-51774-8', title: 'JavaScript: The Good Parts', authors: ['Douglas Crockford'], topic: 'programming', year: 2008, price: 29.99 };

// In order: later rows see what earlier ones changed. Inventory (seeded with bk-1…bk-3)
// answers, so /info and DELETE succeed.
const CALLS: Call[] = [
  ...KERNEL_CALLS,
  { method: 'GET', path: '/books', status: 200 },
  { method: 'GET', path: '/books', url: '/books?q=clean&topic=software-engineering&limit=1', status: 200 },
  { method: 'GET', path: '/books', url: '/books?limit=101', status: 422, type: '/problems/validation-failed' },
  { method: 'GET', path: '/books/{id}', url: '/books/bk-1', status: 200 },
  { method: 'GET', path: '/books/{id}', url: '/books/bk-999', status: 404, type: '/problems/unknown-book' },
  { method: 'GET', path: '/topics', status: 200 },
  { method: 'GET', path: '/search/{topic}', url: '/search/programming', status: 200 },
  { method: 'GET', path: '/search/{topic}', url: '/search/Not%20A%20Slug', status: 422 },
  { method: 'GET', path: '/info/{id}', url: '/info/bk-1', status: 200 },
  { method: 'POST', path: '/books', as: 'librarian', json: BOOK, status: 201 },
  { method: 'POST', path: '/books', as: 'librarian', json: BOOK, status: 409, type: '/problems/duplicate-isbn' },
  { method: 'POST', path: '/books', json: BOOK, status: 401, type: '/problems/unauthorized' },
  { method: 'POST', path: '/books', as: 'member', json: BOOK, status: 403, type: '/problems/forbidden' },
  { method: 'POST', path: '/books', as: 'librarian', raw: '{"isbn":', status: 400, type: '/problems/malformed-json' },
  { method: 'PUT', path: '/books/{id}', url: '/books/bk-2', as: 'librarian', json: { ...BOOK, isbn: '9780201633610' }, status: 200 },
  { method: 'PATCH', path: '/books/{id}', url: '/books/bk-2', as: 'librarian', json: { year: null }, status: 200 },
  { method: 'PATCH', path: '/books/{id}', url: '/books/bk-2', as: 'librarian', json: { id: 'bk-9' }, status: 422 },
  { method: 'DELETE', path: '/books/{id}', url: '/books/bk-4', as: 'librarian', status: 204 },
  { method: 'DELETE', path: '/books/{id}', url: '/books/bk-1', as: 'librarian', status: 409, type: '/problems/book-in-use' },
];

describe('catalog: GET /openapi.json', () => {
  let inventory: InventoryFixture;
  let catalog: CatalogFixture;
  let api: Conformance;

  before(async () => {
    const bound = await bind();
    inventory = await startInventory({ catalogUrl: bound.url });
    catalog = await startCatalog({ bound, inventoryUrl: inventory.url });
    api = await Conformance.fetch(catalog.url, { librarian: await tokenFor('lib', 'librarian'), member: await tokenFor('ann', 'member') });
  });
  after(async () => {
    await catalog.close();
    await inventory.dispose();
  });

  it('is an OpenAPI 3.1 document, served without a token', () => assertValidDocument(api.doc));

  it('documents every route the app has, and none it lacks', () => {
    const inventoryClient = new InventoryClient(new ServiceClient('inventory', inventory.url, 2000, testTokens.serviceToken('catalog')));
    const app = createApp({ store: catalog.store, inventory: inventoryClient, tokens: testTokens, log: () => {}, logRequests: false });
    assert.deepEqual(appRoutes(app), documentedRoutes(api.doc));
  });

  for (const call of CALLS) {
    it(describeCall(call), () => api.call(call));
  }

  it('called every documented operation with success', () => api.assertEveryOperationSucceeded());
});
