import assert from 'node:assert/strict';
import { appRoutes, assertValidDocument, Conformance, describeCall, documentedRoutes, KERNEL_CALLS, type Call } from '../../test/support/openapi.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { MONDAY, startRoom, type RoomFixture } from '../../test/fixtures/availability.js';

// In order: later rows see what earlier ones changed. Today is MONDAY; bk-3 has 3 seats
// that day, bk-7 2 seats on Tuesday (test/fixtures/availability.ts); the catalog is the seeded one.
const CALLS: Call[] = [
  ...KERNEL_CALLS,
  { method: 'GET', path: '/schedule', status: 200 },
  { method: 'GET', path: '/schedule/{date}', url: `/schedule/${MONDAY}`, status: 200 },
  { method: 'GET', path: '/schedule/{date}', url: '/schedule/2027-01-01', status: 404, type: '/problems/date-not-scheduled' },
  { method: 'GET', path: '/schedule/{date}', url: '/schedule/2026-02-30', status: 422 },
  { method: 'PUT', path: '/schedule/{date}', url: '/schedule/2026-06-02', as: 'librarian', json: [{ bookId: 'bk-7', seats: 3 }], status: 200 },
  { method: 'PUT', path: '/schedule/{date}', url: '/schedule/2026-06-02', as: 'ann', json: [{ bookId: 'bk-7', seats: 3 }], status: 403 },
  { method: 'PUT', path: '/schedule/{date}', url: '/schedule/2026-06-02', as: 'librarian', json: [{ bookId: 'bk-99999', seats: 1 }], status: 422, type: '/problems/unknown-book' },
  { method: 'POST', path: '/reservations', as: 'ann', json: { date: MONDAY, bookId: 'bk-3' }, status: 201 },
  { method: 'POST', path: '/reservations', as: 'ann', json: { date: MONDAY, bookId: 'bk-3' }, status: 409, type: '/problems/already-reserved' },
  { method: 'POST', path: '/reservations', as: 'ann', json: { date: '2026-05-01', bookId: 'bk-3' }, status: 422, type: '/problems/date-in-past' },
  { method: 'POST', path: '/reservations', as: 'librarian', json: { date: MONDAY, bookId: 'bk-3', username: 'bob' }, status: 201 },
  { method: 'GET', path: '/reservations', as: 'ann', status: 200 },
  { method: 'GET', path: '/reservations', url: `/reservations?date=${MONDAY}&limit=10`, as: 'librarian', status: 200 },
  { method: 'GET', path: '/reservations', url: '/reservations?username=bob', as: 'ann', status: 403 },
  { method: 'GET', path: '/reservations/{id}', url: '/reservations/rs-1', as: 'ann', status: 200 },
  { method: 'GET', path: '/reservations/{id}', url: '/reservations/rs-2', as: 'ann', status: 404, type: '/problems/reservation-not-found' },
  { method: 'GET', path: '/reservations/{id}', url: '/reservations/seven', as: 'ann', status: 422 },
  { method: 'DELETE', path: '/reservations/{id}', url: '/reservations/rs-1', as: 'ann', status: 200 },
  { method: 'DELETE', path: '/reservations/{id}', url: '/reservations/rs-1', as: 'ann', status: 404 },
];

describe('availability: GET /openapi.json', () => {
  let room: RoomFixture;
  let api: Conformance;

  before(async () => {
    room = await startRoom();
    api = await Conformance.fetch(room.url, { librarian: await tokenFor('lib', 'librarian'), ann: await tokenFor('ann', 'member') });
  });
  after(() => room.close());

  it('is an OpenAPI 3.1 document, served without a token', () => assertValidDocument(api.doc));

  it('documents every route the app has, and none it lacks', () => {
    const app = createApp({ room: room.room, tokens: testTokens, log: () => {}, logRequests: false });
    assert.deepEqual(appRoutes(app), documentedRoutes(api.doc));
  });

  for (const call of CALLS) it(describeCall(call), () => api.call(call));

  it('called every documented operation with success', () => api.assertEveryOperationSucceeded());
});
