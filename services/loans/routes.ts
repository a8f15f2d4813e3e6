// Thin handlers: validate, call the service, answer.
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { principal } from '../shared/auth.js';
import type { Clock } from '../shared/clock.js';
import { check, money, pageQuery, parseBody, parseQuery, text } from '../shared/http/validate.js';
import type { FineService } from './fines.js';
import type { HoldService } from './holds.js';
import type { LoanService } from './service.js';

const username = z.string().regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3-32 of a-z, 0-9, _ . -');
const bookId = text(64);
const barcode = text(64);

export const borrowBody = z
  .strictObject({ bookId: bookId.optional(), barcode: barcode.optional(), username: username.optional() })
  .refine((b) => (b.bookId === undefined) !== (b.barcode === undefined), { message: 'give either bookId or barcode', path: ['bookId'] });
export const loanQuery = z.strictObject({
  username: username.optional(),
  bookId: bookId.optional(),
  barcode: barcode.optional(),
  status: z.enum(['active', 'overdue', 'returned']).optional(),
  ...pageQuery,
});
export const holdBody = z.strictObject({ bookId, username: username.optional() });
export const holdQuery = z.strictObject({
  username: username.optional(),
  bookId: bookId.optional(),
  status: z.enum(['waiting', 'ready', 'fulfilled', 'cancelled', 'expired']).optional(),
  ...pageQuery,
});
export const finesQuery = z.strictObject({ username: username.optional(), ...pageQuery });
export const paymentBody = z.strictObject({ username, amount: money.refine((n) => n > 0, 'must be more than 0') });
/** Return and renew take no fields; an empty object is tolerated for clients that always send one. */
export const noBody = z.strictObject({}).optional();

const page = ({ limit, offset }: { limit: number; offset: number }) => ({ limit, offset });

export function loansRouter(loans: LoanService): Router {
  const router = new Router();
  router.post('/loans', async (ctx: Context) => {
    const caller = principal(ctx);
    const body = parseBody(ctx, borrowBody);
    const target = body.bookId !== undefined ? { bookId: body.bookId } : { barcode: body.barcode! };
    ctx.status = 201;
    ctx.body = await loans.borrow(caller, target, body.username, ctx.state.requestId);
  });
  router.get('/loans', (ctx: Context) => {
    const caller = principal(ctx);
    const query = parseQuery(ctx, loanQuery);
    ctx.body = loans.list(caller, query, page(query));
  });
  router.get('/loans/:id', (ctx: Context) => {
    ctx.body = loans.get(principal(ctx), ctx.params.id);
  });
  router.post('/loans/:id/return', async (ctx: Context) => {
    const caller = principal(ctx);
    check(noBody, ctx.request.body, 'invalid body');
    ctx.body = await loans.returnLoan(caller, ctx.params.id, ctx.state.requestId);
  });
  router.post('/loans/:id/renew', async (ctx: Context) => {
    const caller = principal(ctx);
    check(noBody, ctx.request.body, 'invalid body');
    ctx.body = await loans.renew(caller, ctx.params.id);
  });
  return router;
}

export function holdsRouter(holds: HoldService, clock: Clock): Router {
  const router = new Router();
  router.post('/holds', async (ctx: Context) => {
    const caller = principal(ctx);
    const body = parseBody(ctx, holdBody);
    ctx.status = 201;
    ctx.body = await holds.place(caller, body.bookId, body.username, clock(), ctx.state.requestId);
  });
  router.get('/holds', (ctx: Context) => {
    const caller = principal(ctx);
    const query = parseQuery(ctx, holdQuery);
    ctx.body = holds.list(caller, query, page(query));
  });
  router.delete('/holds/:id', async (ctx: Context) => {
    const caller = principal(ctx);
    check(noBody, ctx.request.body, 'invalid body');
    ctx.body = await holds.cancel(caller, ctx.params.id, clock());
  });
  return router;
}

export function finesRouter(fines: FineService, clock: Clock): Router {
  const router = new Router();
  router.get('/fines', (ctx: Context) => {
    const caller = principal(ctx);
    const query = parseQuery(ctx, finesQuery);
    const everyone = query.username === undefined && caller.role !== 'member';
    ctx.body = everyone ? fines.list(page(query), clock()) : fines.account(caller, query.username, clock());
  });
  router.post('/fines/payments', async (ctx: Context) => {
    const caller = principal(ctx, 'librarian');
    const body = parseBody(ctx, paymentBody);
    ctx.status = 201;
    ctx.body = await fines.pay(caller, body.username, body.amount, clock());
  });
  return router;
}
