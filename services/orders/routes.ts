// HTTP for the shop: validate → OrderService → status and body.
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { principal } from '../shared/auth.js';
import { check, pageQuery, parseBody, parseQuery, text } from '../shared/http/validate.js';
import { Invalid } from '../shared/problem.js';
import { IDEMPOTENCY_KEY } from './idempotency.js';
import type { OrderService, Placed } from './service.js';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER, type PlaceOrderRequest } from './types.js';

export const bookId = text(64);

export const placeOrderBody = z.strictObject({
  bookId,
  quantity: z.number().int('must be a whole number').min(1).max(100),
});

export const noBody = z.union([z.undefined(), z.strictObject({})]);

export const listQuery = z.strictObject({ username: text(32).optional(), ...pageQuery });

export const idParam = text(64);

export function ordersRouter(orders: OrderService): Router {
  const router = new Router();

  router.post('/orders', async (ctx) => {
    const user = principal(ctx, 'member', 'librarian');
    const request: PlaceOrderRequest = parseBody(ctx, placeOrderBody);
    answer(ctx, await orders.place(user, request, idempotencyKey(ctx), ctx.state.requestId));
  });

  router.post('/purchase/:id', async (ctx) => {
    const user = principal(ctx, 'member', 'librarian');
    check(noBody, ctx.request.body, 'this route takes no body');
    const request = { bookId: check(bookId, ctx.params.id, 'invalid book id'), quantity: 1 };
    answer(ctx, await orders.place(user, request, idempotencyKey(ctx), ctx.state.requestId));
  });

  router.get('/orders', (ctx) => {
    const user = principal(ctx);
    ctx.body = orders.list(user, parseQuery(ctx, listQuery));
  });

  router.get('/orders/:id', (ctx) => {
    const user = principal(ctx);
    ctx.body = orders.get(user, check(idParam, ctx.params.id, 'invalid order id'));
  });

  return router;
}

/** The same answer for a replay as for the original, marked so a client can tell. */
function answer(ctx: Context, placed: Placed): void {
  ctx.status = 201;
  ctx.set('Location', `/orders/${placed.order.id}`);
  if (placed.replayed) ctx.set(REPLAYED_HEADER, 'true');
  ctx.body = placed.order;
}

function idempotencyKey(ctx: Context): string | undefined {
  const raw = ctx.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !IDEMPOTENCY_KEY.test(raw)) {
    throw new Invalid(`the ${IDEMPOTENCY_HEADER} header must be 1–255 printable ASCII characters`, [
      { path: IDEMPOTENCY_HEADER, message: 'must be 1–255 printable ASCII characters' },
    ]);
  }
  return raw;
}
