import assert from 'node:assert/strict';
import { appRoutes, assertValidDocument, Conformance, describeCall, documentedRoutes, KERNEL_CALLS, type Call } from '../../test/support/openapi.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { startShop, type Shop } from '../../test/fixtures/orders.js';

const KEY = { 'Idempotency-Key': 'order-key-1' };

// In order: later rows see what earlier ones changed. bk-1 has 10 units, bk-3 none.
const CALLS: Call[] = [
  ...KERNEL_CALLS,
  { method: 'POST', path: '/orders', as: 'ann', headers: KEY, json: { bookId: 'bk-1', quantity: 2 }, status: 201 },
  { method: 'POST', path: '/orders', as: 'ann', headers: KEY, json: { bookId: 'bk-1', quantity: 2 }, status: 201 },
  { method: 'POST', path: '/orders', as: 'ann', headers: KEY, json: { bookId: 'bk-1', quantity: 3 }, status: 422, type: '/problems/idempotency-key-reused' },
  { method: 'POST', path: '/orders', as: 'ann', json: { bookId: 'bk-3', quantity: 1 }, status: 409, type: '/problems/out-of-stock' },
  { method: 'POST', path: '/orders', as: 'ann', json: { bookId: 'bk-99', quantity: 1 }, status: 404, type: '/problems/unknown-book' },
  { method: 'POST', path: '/orders', as: 'ann', json: { bookId: 'bk-1', quantity: 0 }, status: 422, type: '/problems/validation-failed' },
  { method: 'POST', path: '/orders', as: 'service', json: { bookId: 'bk-1', quantity: 1 }, status: 403 },
  { method: 'POST', path: '/purchase/{id}', url: '/purchase/bk-1', as: 'bob', status: 201 },
  { method: 'POST', path: '/purchase/{id}', url: '/purchase/bk-1', as: 'bob', json: { quantity: 5 }, status: 422 },
  { method: 'GET', path: '/orders', as: 'ann', status: 200 },
  { method: 'GET', path: '/orders', url: '/orders?username=ann&limit=1', as: 'librarian', status: 200 },
  { method: 'GET', path: '/orders', url: '/orders?username=bob', as: 'ann', status: 403 },
  { method: 'GET', path: '/orders/{id}', url: '/orders/ord-1', as: 'ann', status: 200 },
  { method: 'GET', path: '/orders/{id}', url: '/orders/ord-1', as: 'bob', status: 404 },
];

describe('orders: GET /openapi.json', () => {
  let shop: Shop;
  let api: Conformance;

  before(async () => {
    shop = await startShop();
    api = await Conformance.fetch(shop.url, {
      ann: await tokenFor('ann', 'member'),
      bob: await tokenFor('bob', 'member'),
      librarian: await tokenFor('lib', 'librarian'),
      service: await tokenFor('service:loans', 'service'),
    });
  });
  after(() => shop.close());

  it('is an OpenAPI 3.1 document, served without a token', () => assertValidDocument(api.doc));

  it('documents every route the app has, and none it lacks', () => {
    const { orders, reconciler } = shop.booted;
    const app = createApp({ orders, reconciler, tokens: testTokens, log: () => {}, logRequests: false });
    assert.deepEqual(appRoutes(app), documentedRoutes(api.doc));
  });

  for (const call of CALLS) it(describeCall(call), () => api.call(call));

  it('called every documented operation with success', () => api.assertEveryOperationSucceeded());
});
