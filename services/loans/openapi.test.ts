import assert from 'node:assert/strict';
import { movableClock } from '../../test/support/clock.js';
import { appRoutes, assertValidDocument, Conformance, describeCall, documentedRoutes, KERNEL_CALLS, type Call } from '../../test/support/openapi.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';

// In order: later rows see what earlier ones changed. Five books bk-1…bk-5 with one copy
// each (BC000001…BC000005); ann borrows ln-1, the librarian lends BC000002 to bob (ln-2).
const CALLS: Call[] = [
  ...KERNEL_CALLS,
  { method: 'POST', path: '/loans', as: 'ann', json: { bookId: 'bk-1' }, status: 201 },
  { method: 'POST', path: '/loans', as: 'bob', json: { bookId: 'bk-1' }, status: 409, type: '/problems/no-copy-available' },
  { method: 'POST', path: '/loans', as: 'ann', json: { bookId: 'bk-99' }, status: 404, type: '/problems/unknown-book' },
  { method: 'POST', path: '/loans', as: 'ann', json: { bookId: 'bk-2', username: 'bob' }, status: 403 },
  { method: 'POST', path: '/loans', as: 'ann', json: {}, status: 422, type: '/problems/validation-failed' },
  { method: 'POST', path: '/loans', as: 'librarian', json: { barcode: 'BC000002', username: 'bob' }, status: 201 },
  { method: 'GET', path: '/loans', as: 'ann', status: 200 },
  { method: 'GET', path: '/loans', url: '/loans?username=bob&status=active&limit=5', as: 'librarian', status: 200 },
  { method: 'GET', path: '/loans', url: '/loans?username=bob', as: 'ann', status: 403 },
  { method: 'GET', path: '/loans', url: '/loans?barcode=BC000002&status=active', as: 'librarian', status: 200 },
  { method: 'GET', path: '/loans/{id}', url: '/loans/ln-1', as: 'ann', status: 200 },
  { method: 'GET', path: '/loans/{id}', url: '/loans/ln-2', as: 'ann', status: 404 },
  { method: 'POST', path: '/loans/{id}/renew', url: '/loans/ln-2/renew', as: 'bob', status: 200 },
  { method: 'POST', path: '/holds', as: 'bob', json: { bookId: 'bk-1' }, status: 201 },
  { method: 'POST', path: '/holds', as: 'bob', json: { bookId: 'bk-1' }, status: 409, type: '/problems/hold-exists' },
  { method: 'POST', path: '/holds', as: 'bob', json: { bookId: 'bk-3' }, status: 409, type: '/problems/copy-available' },
  { method: 'POST', path: '/loans/{id}/renew', url: '/loans/ln-1/renew', as: 'ann', json: {}, status: 409, type: '/problems/book-on-hold' },
  { method: 'GET', path: '/holds', as: 'bob', status: 200 },
  { method: 'GET', path: '/holds', url: '/holds?bookId=bk-1&status=waiting', as: 'librarian', status: 200 },
  { method: 'POST', path: '/loans/{id}/return', url: '/loans/ln-1/return', as: 'ann', status: 200 },
  { method: 'POST', path: '/loans/{id}/return', url: '/loans/ln-1/return', as: 'ann', status: 409, type: '/problems/loan-returned' },
  { method: 'DELETE', path: '/holds/{id}', url: '/holds/hd-1', as: 'bob', status: 200 },
  { method: 'DELETE', path: '/holds/{id}', url: '/holds/hd-1', as: 'bob', status: 409, type: '/problems/hold-closed' },
  { method: 'GET', path: '/fines', as: 'ann', status: 200 },
  { method: 'GET', path: '/fines', as: 'librarian', status: 200 },
  { method: 'GET', path: '/fines', url: '/fines?username=bob', as: 'ann', status: 403 },
  { method: 'POST', path: '/fines/payments', as: 'librarian', json: { username: 'ann', amount: 1 }, status: 422, type: '/problems/payment-exceeds-balance' },
  { method: 'POST', path: '/fines/payments', as: 'ann', json: { username: 'ann', amount: 1 }, status: 403 },
];

describe('loans: GET /openapi.json', () => {
  let stack: LoansStack;
  let api: Conformance;

  before(async () => {
    stack = await startLoansStack();
    api = await Conformance.fetch(stack.url, {
      ann: await tokenFor('ann', 'member'),
      bob: await tokenFor('bob', 'member'),
      librarian: await tokenFor('lib', 'librarian'),
    });
  });
  after(() => stack.close());

  it('is an OpenAPI 3.1 document, served without a token', () => assertValidDocument(api.doc));

  it('documents every route the app has, and none it lacks', () => {
    const app = createApp({ ...stack.loans, tokens: testTokens, log: () => {}, logRequests: false });
    assert.deepEqual(appRoutes(app), documentedRoutes(api.doc));
  });

  for (const call of CALLS) it(describeCall(call), () => api.call(call));

  // A fine needs a late return: a second stack whose clock the test moves past the due date.
  it('answers a late return and the payment of its fine as documented', async () => {
    const clock = movableClock();
    const late = await startLoansStack({ copies: [1], clock: clock.now });
    try {
      const at = api.at(late.url);
      await at.call({ method: 'POST', path: '/loans', as: 'ann', json: { bookId: 'bk-1' }, status: 201 });
      clock.advance(15 * 86_400_000); // a day past the loan period
      await at.call({ method: 'GET', path: '/loans', url: '/loans?status=overdue', as: 'ann', status: 200 });
      const returned = await at.call({ method: 'POST', path: '/loans/{id}/return', url: '/loans/ln-1/return', as: 'ann', status: 200 });
      assert.ok(returned.body.fine > 0, 'a late return is fined');
      await at.call({ method: 'POST', path: '/fines/payments', as: 'librarian', json: { username: 'ann', amount: returned.body.fine }, status: 201 });
    } finally {
      await late.close();
    }
  });

  it('called every documented operation with success', () => api.assertEveryOperationSucceeded());
});
