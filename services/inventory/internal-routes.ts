// The routes loans and orders call (role "service" only): take, confirm and release a copy
// or units of stock, and check a copy in, each keyed by the caller's operation id.
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { principal } from '../shared/auth.js';
import { parseBody } from '../shared/http/validate.js';
import { answerFor } from '../shared/http/problem-middleware.js';
import type { LogFn } from '../shared/http/request-log.js';
import { CONFIRM_MANY_MAX, type Confirmation, type Confirmations } from '../contracts/inventory.js';
import type { CopyTakes } from './copy-takes.js';
import type { StockTakes } from './stock-takes.js';
import type { TakeLedger } from './take-ledger.js';
import type { TakeKind } from './take-tracker.js';

/** Printable ASCII without blanks: whatever id scheme the caller uses, it stays one token. */
const operationId = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable characters without blanks');
const key = z.string().regex(/^\S{1,100}$/, 'must be 1 to 100 characters without blanks');

export const operationBody = z.strictObject({ operationId });
export const copyTakeBody = z
  .strictObject({ operationId, bookId: key.optional(), barcode: key.optional() })
  .refine((body) => (body.bookId === undefined) !== (body.barcode === undefined), 'give exactly one of bookId and barcode');
export const checkinBody = z.strictObject({ operationId, barcode: key, shelf: z.enum(['available', 'on-hold-shelf']) });
export const stockTakeBody = z.strictObject({ operationId, bookId: key, quantity: z.number().int().min(1).max(1_000_000) });
export const confirmManyBody = z.strictObject({
  operationIds: z
    .array(operationId)
    .min(1)
    .max(CONFIRM_MANY_MAX)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id'),
});

/** Internal routes answer services only; a user's token is refused with 403. */
function bodyForService<T>(ctx: Context, schema: z.ZodType<T>): T {
  principal(ctx, 'service');
  return parseBody(ctx, schema);
}

export function internalRoutes(copies: CopyTakes, stock: StockTakes, log: LogFn): Router {
  const router = new Router({ prefix: '/internal' });
  ledgerRoutes(router, '/copies', copies, copyTakeBody, log);
  router.post('/copies/checkin', async (ctx) => {
    ctx.body = await copies.checkin(bodyForService(ctx, checkinBody));
  });
  ledgerRoutes(router, '/stock', stock, stockTakeBody, log);
  return router;
}

/** take (201 new, 200 the same operation again), confirm, confirm-many and release of one take ledger. */
function ledgerRoutes<Request extends { operationId: string }, Take>(
  router: Router,
  prefix: string,
  ledger: Pick<TakeLedger<TakeKind, Request, Take>, 'take' | 'confirm' | 'release'>,
  body: z.ZodType<Request>,
  log: LogFn,
): void {
  router.post(`${prefix}/take`, async (ctx) => {
    const { take, created } = await ledger.take(bodyForService(ctx, body));
    ctx.status = created ? 201 : 200;
    ctx.body = take;
  });
  router.post(`${prefix}/confirm`, async (ctx) => {
    ctx.body = await ledger.confirm(bodyForService(ctx, operationBody).operationId);
  });
  // Many confirmations in one call; their changes share the store's flush as concurrent calls would.
  router.post(`${prefix}/confirm-many`, async (ctx) => {
    const { operationIds } = bodyForService(ctx, confirmManyBody);
    const results: Confirmation<Take>[] = await Promise.all(
      operationIds.map((id) =>
        ledger.confirm(id).then(
          (take) => ({ operationId: id, take }),
          // Whatever failed (a refusal, a broken disk: 503, even a bug: 500, logged) is that id's
          // answer, as it would be alone: one take that cannot be confirmed must not hold back
          // the others of every call it is in.
          (error: unknown) => ({ operationId: id, problem: answerFor(error, log, ctx.state.requestId).toJSON() }),
        ),
      ),
    );
    ctx.body = { results } satisfies Confirmations<Take>;
  });
  router.post(`${prefix}/release`, async (ctx) => {
    ctx.body = await ledger.release(bodyForService(ctx, operationBody).operationId);
  });
}
