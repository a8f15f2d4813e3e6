import assert from 'node:assert/strict';
import { appRoutes, assertValidDocument, Conformance, describeCall, documentedRoutes, KERNEL_CALLS, type Call } from '../../test/support/openapi.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { DEFAULT_POLICY } from './policy.js';
import { ADMIN_PASSWORD, startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';

const BOB = { username: 'bob', password: 'bob-secret-pw', name: 'Bob', email: 'bob@example.org' };
const WRONG = { username: 'bob', password: 'not-bobs-password' };

// In order: later rows see what earlier ones changed. Two failed logins lock an account.
const CALLS: Call[] = [
  ...KERNEL_CALLS,
  { method: 'POST', path: '/register', json: BOB, status: 201 },
  { method: 'POST', path: '/register', json: BOB, status: 409, type: '/problems/username-taken' },
  { method: 'POST', path: '/register', json: { ...BOB, username: 'carl', role: 'librarian' }, status: 422, type: '/problems/validation-failed' },
  { method: 'POST', path: '/login', json: { username: 'bob', password: BOB.password }, status: 200 },
  { method: 'POST', path: '/login', json: WRONG, status: 401, type: '/problems/invalid-credentials' },
  { method: 'POST', path: '/login', json: WRONG, status: 401, type: '/problems/invalid-credentials' },
  { method: 'POST', path: '/login', json: WRONG, status: 423, type: '/problems/account-locked' },
  { method: 'GET', path: '/me', as: 'member', status: 200 },
  { method: 'GET', path: '/me', status: 401, type: '/problems/unauthorized' },
  { method: 'GET', path: '/me', as: 'service', status: 403, type: '/problems/forbidden' },
  { method: 'GET', path: '/me', as: 'ghost', status: 401, type: '/problems/token-revoked' },
  { method: 'POST', path: '/users/{username}/unlock', url: '/users/bob/unlock', as: 'librarian', status: 200 },
  { method: 'POST', path: '/users/{username}/unlock', url: '/users/nobody/unlock', as: 'librarian', status: 404, type: '/problems/user-not-found' },
  { method: 'POST', path: '/users/{username}/unlock', url: '/users/bob/unlock', as: 'member', status: 403, type: '/problems/forbidden' },
  { method: 'GET', path: '/internal/accounts/{username}', url: '/internal/accounts/ann', as: 'service', status: 200 },
  { method: 'GET', path: '/internal/accounts/{username}', url: '/internal/accounts/nobody', as: 'service', status: 404, type: '/problems/user-not-found' },
  { method: 'GET', path: '/internal/accounts/{username}', url: '/internal/accounts/ann', as: 'member', status: 403, type: '/problems/forbidden' },
  { method: 'GET', path: '/users', as: 'librarian', status: 200 },
  { method: 'GET', path: '/users', url: '/users?role=member&active=true&q=b&limit=5', as: 'service', status: 200 },
  { method: 'GET', path: '/users', as: 'member', status: 403, type: '/problems/forbidden' },
  { method: 'GET', path: '/users/{username}', url: '/users/ann', as: 'member', status: 200 },
  { method: 'GET', path: '/users/{username}', url: '/users/bob', as: 'member', status: 404, type: '/problems/user-not-found' },
  { method: 'PATCH', path: '/users/{username}', url: '/users/ann', as: 'member', json: { name: 'Ann A.' }, status: 200 },
  { method: 'PATCH', path: '/users/{username}', url: '/users/ann', as: 'member', json: { role: 'librarian' }, status: 403, type: '/problems/forbidden-field' },
  { method: 'PATCH', path: '/users/{username}', url: '/users/ann', as: 'member', json: { password: 'a-new-password' }, status: 403, type: '/problems/current-password-required' },
  { method: 'PATCH', path: '/users/{username}', url: '/users/admin', as: 'librarian', json: { role: 'member' }, status: 409, type: '/problems/last-librarian' },
];

describe('users: GET /openapi.json', () => {
  let users: UsersUnderTest;
  let api: Conformance;

  before(async () => {
    users = await startUsers({ maxFailures: 2 });
    const admin = await users.call('POST', '/login', { json: { username: 'admin', password: ADMIN_PASSWORD } });
    api = await Conformance.fetch(users.url, {
      librarian: admin.body.token,
      member: await users.member('ann'),
      service: await tokenFor('service:loans', 'service'),
      ghost: await tokenFor('ghost', 'member'),
    });
  });
  after(() => users.close());

  it('is an OpenAPI 3.1 document, served without a token', () => assertValidDocument(api.doc));

  it('documents every route the app has, and none it lacks', () => {
    const app = createApp({ store: users.store, tokens: testTokens, policy: DEFAULT_POLICY, log: () => {}, logRequests: false });
    assert.deepEqual(appRoutes(app), documentedRoutes(api.doc));
  });

  for (const call of CALLS) it(describeCall(call), () => api.call(call));

  it('called every documented operation with success', () => api.assertEveryOperationSucceeded());
});
