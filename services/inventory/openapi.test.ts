import assert from 'node:assert/strict';
import { appRoutes, assertValidDocument, Conformance, describeCall, documentedRoutes, KERNEL_CALLS, type Call } from '../../test/support/openapi.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

const post = (path: string, json: unknown, status: number, type?: string): Call => ({ method: 'POST', path, as: 'service', json, status, type });

// In order: later rows see what earlier ones changed. Seeded: bk-1 has copies BC000001-3
// and 12 units, bk-2 the copy BC000004 and no units, bk-3 no copies and 5 units.
const CALLS: Call[] = [
  ...KERNEL_CALLS,
  { method: 'GET', path: '/inventory', as: 'member', status: 200 },
  { method: 'GET', path: '/inventory', status: 401, type: '/problems/unauthorized' },
  { method: 'GET', path: '/inventory', url: '/inventory?limit=0', as: 'member', status: 422 },
  { method: 'GET', path: '/inventory/{bookId}', url: '/inventory/bk-1', as: 'member', status: 200 },
  { method: 'GET', path: '/inventory/{bookId}', url: '/inventory/bk-9', as: 'member', status: 404 },
  { method: 'POST', path: '/inventory/{bookId}/copies', url: '/inventory/bk-3/copies', as: 'librarian', json: { count: 2 }, status: 201 },
  { method: 'POST', path: '/inventory/{bookId}/copies', url: '/inventory/bk-3/copies', as: 'member', json: { count: 2 }, status: 403 },
  { method: 'POST', path: '/inventory/{bookId}/copies', url: '/inventory/bk-99/copies', as: 'librarian', json: { count: 1 }, status: 404, type: '/problems/unknown-book' },
  { method: 'PATCH', path: '/inventory/copies/{barcode}', url: '/inventory/copies/BC000004', as: 'librarian', json: { status: 'missing' }, status: 200 },
  { method: 'PATCH', path: '/inventory/copies/{barcode}', url: '/inventory/copies/BC999999', as: 'librarian', json: { status: 'missing' }, status: 404 },
  { method: 'PUT', path: '/inventory/{bookId}/stock', url: '/inventory/bk-2/stock', as: 'librarian', json: { stock: 7 }, status: 200 },
  { method: 'PUT', path: '/inventory/{bookId}/stock', url: '/inventory/bk-2/stock', as: 'librarian', json: { stock: -1 }, status: 422 },
  post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' }, 201),
  post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' }, 200),
  post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-2' }, 409, '/problems/operation-id-reused'),
  { method: 'POST', path: '/internal/copies/take', as: 'member', json: { operationId: 'op-9', bookId: 'bk-1' }, status: 403 },
  post('/internal/copies/confirm', { operationId: 'op-1' }, 200),
  post('/internal/copies/confirm', { operationId: 'op-unknown' }, 404),
  post('/internal/copies/confirm-many', { operationIds: ['op-1', 'op-unknown'] }, 200),
  post('/internal/copies/release', { operationId: 'op-1' }, 409, '/problems/take-confirmed'),
  post('/internal/copies/take', { operationId: 'op-2', barcode: 'BC000002' }, 201),
  post('/internal/copies/release', { operationId: 'op-2' }, 200),
  post('/internal/copies/checkin', { operationId: 'ci-1', barcode: 'BC000001', shelf: 'available' }, 200),
  post('/internal/stock/take', { operationId: 'st-1', bookId: 'bk-1', quantity: 2 }, 201),
  post('/internal/stock/take', { operationId: 'st-2', bookId: 'bk-1', quantity: 100 }, 409, '/problems/out-of-stock'),
  post('/internal/stock/confirm', { operationId: 'st-1' }, 200),
  post('/internal/stock/confirm-many', { operationIds: ['st-1', 'st-unknown'] }, 200),
  post('/internal/stock/confirm-many', { operationIds: [] }, 422),
  post('/internal/stock/take', { operationId: 'st-3', bookId: 'bk-3', quantity: 1 }, 201),
  post('/internal/stock/release', { operationId: 'st-3' }, 200),
];

describe('inventory: GET /openapi.json', () => {
  let fixture: InventoryFixture;
  let api: Conformance;

  before(async () => {
    fixture = await startInventory({ withCatalog: true });
    api = await Conformance.fetch(fixture.url, {
      librarian: await tokenFor('lib', 'librarian'),
      member: await tokenFor('ann', 'member'),
      service: await tokenFor('service:loans', 'service'),
    });
  });
  after(() => fixture.dispose());

  it('is an OpenAPI 3.1 document, served without a token', () => assertValidDocument(api.doc));

  it('documents every route the app has, and none it lacks', () => {
    const app = createApp({ inventory: fixture.inventory, tokens: testTokens, log: () => {}, logRequests: false });
    assert.deepEqual(appRoutes(app), documentedRoutes(api.doc));
  });

  for (const call of CALLS) it(describeCall(call), () => api.call(call));

  it('called every documented operation with success', () => api.assertEveryOperationSucceeded());
});
