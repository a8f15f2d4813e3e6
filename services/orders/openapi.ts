// The shop's OpenAPI document, served at GET /openapi.json. Request schemas are the ones
// the routes validate with; answers come from openapi-schemas.ts.
import { serviceDocument, type Route } from '../shared/openapi.js';
import { IDEMPOTENCY_KEY } from './idempotency.js';
import { ordersSchemas } from './openapi-schemas.js';
import { bookId, idParam, listQuery, noBody, placeOrderBody } from './routes.js';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './types.js';

const BUYERS = ['member', 'librarian'] as const;

const idempotencyKey = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  description: 'Scoped per user: the same key again answers the same order and buys nothing more.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
};

const placed = {
  status: 201,
  description: 'The order (again, for a repeated Idempotency-Key).',
  schema: 'Order',
  headers: { Location: '/orders/{id}', [REPLAYED_HEADER]: '"true" when this answers a repeated key' },
};

const buying: Route['problems'] = {
  404: '/problems/unknown-book',
  409: '/problems/out-of-stock',
  422: '/problems/idempotency-key-reused, or an Idempotency-Key that is not 1–255 printable characters',
  503: '/problems/service-unavailable (catalog or inventory); nothing is bought',
};

export const ordersOpenApi = serviceDocument({
  service: 'orders',
  description: 'The shop: purchases and the order log. Members see only their own orders.',
  schemas: ordersSchemas(),
  routes: {
    '/orders': {
      post: { summary: 'Buy a book', access: BUYERS, headers: [idempotencyKey], body: placeOrderBody, ok: placed, problems: buying },
      get: {
        summary: 'List orders, newest first',
        access: 'token',
        query: listQuery,
        ok: { status: 200, description: 'A page of orders.', schema: 'OrderPage' },
        problems: { 403: '/problems/forbidden: a member naming someone else' },
      },
    },
    '/orders/{id}': {
      get: {
        summary: 'An order',
        access: 'token',
        params: { id: idParam },
        ok: { status: 200, description: 'The order.', schema: 'Order' },
        problems: { 404: '/problems/not-found (also another member\'s order)' },
      },
    },
    '/purchase/{id}': {
      post: {
        summary: 'Buy one unit of a book (the classic form)',
        description: '`id` is the book\'s id; no body.',
        access: BUYERS,
        params: { id: bookId },
        headers: [idempotencyKey],
        body: noBody,
        ok: placed,
        problems: buying,
      },
    },
  },
});
