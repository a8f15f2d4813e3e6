// Per route: the path parameters the corpus uses and, for routes that take a body, a
// valid body whose fields the corpus spoils one at a time. Parameters are chosen so that
// no request of the corpus can succeed in writing: ids that do not exist where an empty
// or trivial body would do, dates in the past where a schedule or a seat could be set.
import { dateIn } from './workload-room.js';

/** How a field may be spoiled; see corpus-cases.ts for the values of each kind. */
export type Kind =
  | 'format' // a strict format (username, ISBN, slug, date, enum, email, operation id)
  | 'key' // any non-blank token up to 100 characters (internal ids)
  | 'text64'
  | 'text100'
  | 'text300'
  | 'password'
  | 'list'
  | 'count100' // whole number 1..100
  | 'seats' // whole number 1..500
  | 'stock' // whole number 0..1e9
  | 'year'
  | 'money' // not negative, cents
  | 'positive-money';

export interface CorpusRoute {
  params?: Record<string, string>;
  /** A body that passes validation; only ever sent with one field spoiled. */
  body?: unknown;
  fields?: Record<string, Kind>;
  /** Internal routes are called with a service token, and only directly. */
  service?: boolean;
}

const PAST = dateIn(-1);
const BOOK = { isbn: '9780999900017', title: 'Corpus', authors: ['A. Uthor'], topic: 'testing', year: 2001, price: 10 };
const BOOK_FIELDS: Record<string, Kind> = { isbn: 'format', title: 'text300', authors: 'list', topic: 'format', year: 'year', price: 'money' };

export const CORPUS: Record<string, CorpusRoute> = {
  'GET /books': {},
  'GET /books/:id': { params: { id: 'bk-1' } },
  'GET /topics': {},
  'GET /search/:topic': { params: { topic: 'distributed-systems' } },
  'GET /info/:id': { params: { id: 'bk-1' } },
  'POST /books': { body: BOOK, fields: BOOK_FIELDS },
  'PUT /books/:id': { params: { id: 'bk-1' }, body: BOOK, fields: BOOK_FIELDS },
  // PATCH takes `year: null` (it removes the year), so year is spoiled through PUT only.
  'PATCH /books/:id': { params: { id: 'bk-1' }, body: { title: 'Corpus', price: 10 }, fields: { title: 'text300', price: 'money' } },
  'DELETE /books/:id': { params: { id: 'bk-999999' } },

  'POST /register': {
    body: { username: 'corpus-user', password: 'long enough password', name: 'Corpus', email: 'corpus@example.org' },
    fields: { username: 'format', password: 'password', name: 'text100', email: 'format' },
  },
  // No such user: a failed login of an account that exists is a write (its failure count).
  'POST /login': { body: { username: 'corpus-nobody', password: 'whatever password' }, fields: { username: 'format', password: 'password' } },
  'GET /me': {},
  'GET /users': {},
  'GET /users/:username': { params: { username: 'admin' } },
  'POST /users/:username/unlock': { params: { username: 'corpus-nobody' } },
  'GET /internal/accounts/:username': { service: true, params: { username: 'admin' } },
  'PATCH /users/:username': { params: { username: 'admin' }, body: { name: 'Admin', email: 'admin@example.org' }, fields: { name: 'text100', email: 'format' } },

  'GET /inventory': {},
  'GET /inventory/:bookId': { params: { bookId: 'bk-1' } },
  'POST /inventory/:bookId/copies': { params: { bookId: 'bk-1' }, body: { count: 1 }, fields: { count: 'count100' } },
  'PATCH /inventory/copies/:barcode': { params: { barcode: 'BC000001' }, body: { status: 'missing' }, fields: { status: 'format' } },
  'PUT /inventory/:bookId/stock': { params: { bookId: 'bk-1' }, body: { stock: 5 }, fields: { stock: 'stock' } },
  'POST /internal/copies/take': { service: true, body: { operationId: 'corpus-op', bookId: 'bk-999999' }, fields: { operationId: 'format', bookId: 'key' } },
  'POST /internal/copies/confirm': { service: true, body: { operationId: 'corpus-op' }, fields: { operationId: 'format' } },
  'POST /internal/copies/confirm-many': { service: true, body: { operationIds: ['corpus-op'] }, fields: { operationIds: 'list' } },
  'POST /internal/copies/release': { service: true, body: { operationId: 'corpus-op' }, fields: { operationId: 'format' } },
  'POST /internal/copies/checkin': {
    service: true,
    body: { operationId: 'corpus-op', barcode: 'BC999999', shelf: 'available' },
    fields: { operationId: 'format', barcode: 'key', shelf: 'format' },
  },
  'POST /internal/stock/take': {
    service: true,
    body: { operationId: 'corpus-op', bookId: 'bk-999999', quantity: 1 },
    fields: { operationId: 'format', bookId: 'key', quantity: 'count100' },
  },
  'POST /internal/stock/confirm': { service: true, body: { operationId: 'corpus-op' }, fields: { operationId: 'format' } },
  'POST /internal/stock/release': { service: true, body: { operationId: 'corpus-op' }, fields: { operationId: 'format' } },
  'POST /internal/stock/confirm-many': { service: true, body: { operationIds: ['corpus-op'] }, fields: { operationIds: 'list' } },

  'POST /loans': { body: { bookId: 'bk-1', username: 'corpus-member' }, fields: { bookId: 'text64', username: 'format' } },
  'GET /loans': {},
  'GET /loans/:id': { params: { id: 'ln-999999' } },
  'POST /loans/:id/return': { params: { id: 'ln-999999' } },
  'POST /loans/:id/renew': { params: { id: 'ln-999999' } },
  'POST /holds': { body: { bookId: 'bk-2', username: 'corpus-member' }, fields: { bookId: 'text64', username: 'format' } },
  'GET /holds': {},
  'DELETE /holds/:id': { params: { id: 'hd-999999' } },
  'GET /fines': {},
  'POST /fines/payments': { body: { username: 'corpus-member', amount: 1 }, fields: { username: 'format', amount: 'positive-money' } },

  'POST /orders': { body: { bookId: 'bk-1', quantity: 1 }, fields: { bookId: 'text64', quantity: 'count100' } },
  'POST /purchase/:id': { params: { id: 'bk-999999' } },
  'GET /orders': {},
  'GET /orders/:id': { params: { id: 'ord-999999' } },

  'GET /schedule': {},
  'GET /schedule/:date': { params: { date: dateIn(3) } },
  'PUT /schedule/:date': { params: { date: PAST }, body: [{ bookId: 'bk-1', seats: 5 }], fields: { '0.bookId': 'format', '0.seats': 'seats' } },
  'POST /reservations': { body: { date: PAST, bookId: 'bk-5', username: 'corpus-member' }, fields: { date: 'format', bookId: 'format', username: 'format' } },
  'GET /reservations': {},
  'GET /reservations/:id': { params: { id: 'rs-999999' } },
  'DELETE /reservations/:id': { params: { id: 'rs-999999' } },
};
