// The loans service's OpenAPI document, served at GET /openapi.json. Request schemas are
// the ones the routes validate with; answers come from openapi-schemas.ts.
import { serviceDocument, type Route } from '../shared/openapi.js';
import { loansSchemas } from './openapi-schemas.js';
import { borrowBody, finesQuery, holdBody, holdQuery, loanQuery, noBody, paymentBody } from './routes.js';

const INVENTORY_DOWN = '/problems/service-unavailable (inventory); nothing is recorded';
const OTHERS = '/problems/forbidden: a member naming someone else';
const NO_LOAN = '/problems/not-found (also another member\'s loan)';

const loanChange = (summary: string, description: string, problems: Route['problems'], schema = 'Loan'): Route => ({
  summary,
  description,
  access: 'token',
  body: noBody,
  ok: { status: 200, description: 'The loan as it is now.', schema },
  problems: { 404: NO_LOAN, ...problems },
});

export const loansOpenApi = serviceDocument({
  service: 'loans',
  description: 'Circulation: borrow, return, renew, holds and fines. Members see and change only their own.',
  schemas: loansSchemas(),
  routes: {
    '/loans': {
      post: {
        summary: 'Borrow a book',
        description: '`bookId` or `barcode`; a librarian may add `username` to lend to a member.',
        access: 'token',
        body: borrowBody,
        ok: { status: 201, description: 'The loan.', schema: 'Loan' },
        problems: {
          403: OTHERS,
          404: '/problems/unknown-book, /problems/unknown-copy, /problems/member-not-found (a librarian naming no active member)',
          409: '/problems/no-copy-available, /problems/copy-held, /problems/already-borrowed',
          422: '/problems/loan-limit-reached, /problems/member-blocked',
          503: INVENTORY_DOWN,
        },
      },
      get: {
        summary: 'List loans',
        description: '`overdue` is the subset of `active` past its due time. `barcode` with `status=active` finds the loan of a copy (the desk\'s check-in).',
        access: 'token',
        query: loanQuery,
        ok: { status: 200, description: 'A page of loans.', schema: 'LoanPage' },
        problems: { 403: OTHERS },
      },
    },
    '/loans/{id}': {
      get: { summary: 'A loan', access: 'token', ok: { status: 200, description: 'The loan.', schema: 'Loan' }, problems: { 404: NO_LOAN } },
    },
    '/loans/{id}/return': {
      post: loanChange(
        'Return a loan',
        'The copy goes back, or to the hold shelf for the next hold in line; `next` says which (and for whom).',
        {
          404: `${NO_LOAN}; /problems/loan-void (inventory released the copy before the loan was confirmed)`,
          409: '/problems/loan-returned, /problems/return-in-progress',
          503: INVENTORY_DOWN,
        },
        'ReturnedLoan',
      ),
    },
    '/loans/{id}/renew': {
      post: loanChange('Renew a loan', 'The new `dueAt` is the old one plus the loan period.', {
        409: '/problems/book-on-hold, /problems/loan-returned',
        422: '/problems/renewal-limit, /problems/loan-overdue',
      }),
    },
    '/holds': {
      post: {
        summary: 'Place a hold',
        description: 'Only when no copy can be borrowed now; first come, first served.',
        access: 'token',
        body: holdBody,
        ok: { status: 201, description: 'The hold.', schema: 'Hold' },
        problems: {
          403: OTHERS,
          404: '/problems/unknown-book, /problems/member-not-found (a librarian naming no active member)',
          409: '/problems/copy-available, /problems/hold-exists, /problems/already-borrowed',
          503: '/problems/service-unavailable',
        },
      },
      get: { summary: 'List holds', access: 'token', query: holdQuery, ok: { status: 200, description: 'A page of holds.', schema: 'HoldPage' }, problems: { 403: OTHERS } },
    },
    '/holds/{id}': {
      delete: {
        summary: 'Cancel a hold',
        access: 'token',
        body: noBody,
        ok: { status: 200, description: 'The hold, cancelled.', schema: 'Hold' },
        problems: { 404: '/problems/not-found (also another member\'s hold)', 409: '/problems/hold-closed, /problems/hold-in-use' },
      },
    },
    '/fines': {
      get: {
        summary: 'Fines: one account, or everyone who owes',
        description: 'A member gets their own account; a librarian naming no one gets the page of members who owe or are overdue.',
        access: 'token',
        query: finesQuery,
        ok: { status: 200, description: 'An account or a page of accounts.', schema: 'FinesAnswer' },
        problems: { 403: OTHERS },
      },
    },
    '/fines/payments': {
      post: {
        summary: 'Take a payment',
        access: ['librarian'],
        body: paymentBody,
        ok: { status: 201, description: 'The payment, with the balance left.', schema: 'Payment' },
        problems: { 422: '/problems/payment-exceeds-balance' },
      },
    },
  },
});
