// The authorization matrix: every route, as anonymous, as alice (the member who owns the
// object), as bob (another member: where a body can name a member, he names alice) and as
// a librarian. OK is any 2xx; a number is the status expected. Another member's object
// answers 404, as if it did not exist; a list filtered by another member is 403.
import { freshIsbn } from '../fixtures/cli-books.js';
import type { AuthzWorld } from './authz-world.js';
import { dateIn } from './workload-room.js';

export const OK = 'ok';
export type Expected = typeof OK | 401 | 403 | 404 | 422;

export interface Cell {
  method: string;
  path: string;
  json?: unknown;
}

export interface Row {
  key: string;
  /** Straight to the service instead of through the gateway. */
  direct?: boolean;
  /** Builds the request for one cell; objects it changes are made fresh each time. */
  make(world: AuthzWorld): Promise<Cell> | Cell;
  /** anonymous, owner (alice), other member (bob), librarian */
  expect: [Expected, Expected, Expected, Expected];
}

const row = (key: string, expect: Row['expect'], make: Row['make'], direct = false): Row => ({ key, expect, make, direct });
const get = (path: string) => () => ({ method: 'GET', path });
const bookBody = (isbn: string) => ({ isbn, title: 'Authz', authors: ['A'], topic: 'testing', price: 5 });

// prettier-ignore
export const MATRIX: Row[] = [
  //                                        anonymous owner other librarian
  row('GET /books',                         [OK,  OK,  OK,  OK],  get('/books')),
  row('GET /books/:id',                     [OK,  OK,  OK,  OK],  get('/books/bk-1')),
  row('GET /topics',                        [OK,  OK,  OK,  OK],  get('/topics')),
  row('GET /search/:topic',                 [OK,  OK,  OK,  OK],  get('/search/distributed-systems')),
  row('GET /info/:id',                      [OK,  OK,  OK,  OK],  get('/info/bk-1')),
  row('POST /books',                        [401, 403, 403, OK],  () => ({ method: 'POST', path: '/books', json: bookBody(freshIsbn()) })),
  row('PUT /books/:id',                     [401, 403, 403, OK],  async (w) => ({ method: 'PUT', path: `/books/${await w.book()}`, json: bookBody(freshIsbn()) })),
  row('PATCH /books/:id',                   [401, 403, 403, OK],  async (w) => ({ method: 'PATCH', path: `/books/${await w.book()}`, json: { price: 7 } })),
  row('DELETE /books/:id',                  [401, 403, 403, OK],  async (w) => ({ method: 'DELETE', path: `/books/${await w.book()}` })),

  row('POST /register',                     [OK,  OK,  OK,  OK],  (w) => ({ method: 'POST', path: '/register', json: { username: w.freshUsername(), password: 'newcomer password', name: 'N', email: 'n@example.org' } })),
  row('POST /login',                        [OK,  OK,  OK,  OK],  () => ({ method: 'POST', path: '/login', json: { username: 'alice', password: 'authz password' } })),
  row('GET /me',                            [401, OK,  OK,  OK],  get('/me')),
  row('GET /users',                         [401, 403, 403, OK],  get('/users')),
  row('GET /users/:username',               [401, OK,  404, OK],  get('/users/alice')),
  row('PATCH /users/:username',             [401, OK,  404, OK],  () => ({ method: 'PATCH', path: '/users/alice', json: { name: 'Alice' } })),
  row('POST /users/:username/unlock',       [401, 403, 403, OK],  () => ({ method: 'POST', path: '/users/bob/unlock' })),
  row('GET /internal/accounts/:username',   [404, 404, 404, 404], get('/internal/accounts/alice')),
  row('GET /internal/accounts/:username',   [401, 403, 403, 403], get('/internal/accounts/alice'), true),

  row('GET /inventory',                     [401, OK,  OK,  OK],  get('/inventory')),
  row('GET /inventory/:bookId',             [401, OK,  OK,  OK],  get('/inventory/bk-1')),
  row('POST /inventory/:bookId/copies',     [401, 403, 403, OK],  () => ({ method: 'POST', path: '/inventory/bk-70/copies', json: { count: 1 } })),
  row('PATCH /inventory/copies/:barcode',   [401, 403, 403, OK],  async (w) => ({ method: 'PATCH', path: `/inventory/copies/${(await w.copy()).barcode}`, json: { status: 'missing' } })),
  row('PUT /inventory/:bookId/stock',       [401, 403, 403, OK],  () => ({ method: 'PUT', path: '/inventory/bk-71/stock', json: { stock: 3 } })),
  ...['copies/take', 'copies/confirm', 'copies/confirm-many', 'copies/release', 'copies/checkin', 'stock/take', 'stock/confirm', 'stock/release', 'stock/confirm-many'].flatMap((name) => [
    // Never forwarded by the gateway, whoever asks; directly, for services only.
    row(`POST /internal/${name}`,           [404, 404, 404, 404], () => ({ method: 'POST', path: `/internal/${name}`, json: {} })),
    row(`POST /internal/${name}`,           [401, 403, 403, 403], () => ({ method: 'POST', path: `/internal/${name}`, json: {} }), true),
  ]),

  row('POST /loans',                        [401, OK,  403, OK],  async (w) => ({ method: 'POST', path: '/loans', json: { bookId: (await w.copy()).bookId, username: 'alice' } })),
  row('GET /loans',                         [401, OK,  OK,  OK],  get('/loans')),
  row('GET /loans',                         [401, OK,  403, OK],  get('/loans?username=alice')),
  row('GET /loans/:id',                     [401, OK,  404, OK],  async (w) => ({ method: 'GET', path: `/loans/${await w.aliceLoan()}` })),
  row('POST /loans/:id/return',             [401, OK,  404, OK],  async (w) => ({ method: 'POST', path: `/loans/${await w.aliceLoan()}/return` })),
  row('POST /loans/:id/renew',              [401, OK,  404, OK],  async (w) => ({ method: 'POST', path: `/loans/${await w.aliceLoan()}/renew` })),
  row('POST /holds',                        [401, OK,  403, OK],  async (w) => ({ method: 'POST', path: '/holds', json: { bookId: await w.unavailableBook(), username: 'alice' } })),
  row('GET /holds',                         [401, OK,  OK,  OK],  get('/holds')),
  row('GET /holds',                         [401, OK,  403, OK],  get('/holds?username=alice')),
  row('DELETE /holds/:id',                  [401, OK,  404, OK],  async (w) => ({ method: 'DELETE', path: `/holds/${await w.aliceHold()}` })),
  row('GET /fines',                         [401, OK,  OK,  OK],  get('/fines')),
  row('GET /fines',                         [401, OK,  403, OK],  get('/fines?username=alice')),
  // alice owes nothing, so the librarian (allowed) is refused for the amount: 422.
  row('POST /fines/payments',               [401, 403, 403, 422], () => ({ method: 'POST', path: '/fines/payments', json: { username: 'alice', amount: 1 } })),

  row('POST /orders',                       [401, OK,  OK,  OK],  () => ({ method: 'POST', path: '/orders', json: { bookId: 'bk-1', quantity: 1 } })),
  row('POST /purchase/:id',                 [401, OK,  OK,  OK],  () => ({ method: 'POST', path: '/purchase/bk-1' })),
  row('GET /orders',                        [401, OK,  OK,  OK],  get('/orders')),
  row('GET /orders',                        [401, OK,  403, OK],  get('/orders?username=alice')),
  row('GET /orders/:id',                    [401, OK,  404, OK],  async (w) => ({ method: 'GET', path: `/orders/${await w.aliceOrder()}` })),

  row('GET /schedule',                      [OK,  OK,  OK,  OK],  get('/schedule')),
  row('GET /schedule/:date',                [OK,  OK,  OK,  OK],  get(`/schedule/${dateIn(3)}`)),
  row('PUT /schedule/:date',                [401, 403, 403, OK],  () => ({ method: 'PUT', path: '/schedule/2099-01-01', json: [{ bookId: 'bk-5', seats: 5 }] })),
  row('POST /reservations',                 [401, OK,  403, OK],  (w) => ({ method: 'POST', path: '/reservations', json: { date: w.freeDate(), bookId: 'bk-5', username: 'alice' } })),
  row('GET /reservations',                  [401, OK,  OK,  OK],  get('/reservations')),
  row('GET /reservations',                  [401, OK,  403, OK],  get('/reservations?username=alice')),
  row('GET /reservations/:id',              [401, OK,  404, OK],  async (w) => ({ method: 'GET', path: `/reservations/${await w.aliceReservation()}` })),
  row('DELETE /reservations/:id',           [401, OK,  404, OK],  async (w) => ({ method: 'DELETE', path: `/reservations/${await w.aliceReservation()}` })),
];
