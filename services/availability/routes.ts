// HTTP for the reading room: validate, call the ReadingRoom, answer. The schedule is
// public; reservations need a member or a librarian; changing the schedule, a librarian.
import Router from '@koa/router';
import { z } from 'zod';
import { principal } from '../shared/auth.js';
import { check, pageQuery, parseBody, parseQuery } from '../shared/http/validate.js';
import { isoDate } from './dates.js';
import type { ReadingRoom } from './service.js';
import { MAX_SEATS } from './template.js';

const bookId = z.string().regex(/^[\w.-]{1,64}$/, 'must be a book id such as bk-12');
const username = z.string().regex(/^[a-z0-9_.-]{3,32}$/, 'must be a username');

export const scheduleBody = z
  .array(z.strictObject({ bookId, seats: z.number().int().min(1).max(MAX_SEATS) }))
  .max(100)
  .refine((entries) => new Set(entries.map((e) => e.bookId)).size === entries.length, 'each bookId may appear only once');

export const reservationBody = z.strictObject({ date: isoDate, bookId, username: username.optional() });

export const reservationQuery = z.strictObject({ ...pageQuery, username: username.optional(), date: isoDate.optional() });

export const reservationId = z.string().regex(/^rs-\d{1,15}$/, 'must be a reservation id such as rs-7');

export function scheduleRoutes(room: ReadingRoom): Router {
  const router = new Router();
  router.get('/schedule', async (ctx) => {
    ctx.body = await room.schedule();
  });
  router.get('/schedule/:date', async (ctx) => {
    ctx.body = await room.day(check(isoDate, ctx.params.date, 'invalid date'));
  });
  router.put('/schedule/:date', async (ctx) => {
    const user = principal(ctx, 'librarian');
    const date = check(isoDate, ctx.params.date, 'invalid date');
    ctx.body = await room.setDay(user, date, parseBody(ctx, scheduleBody), ctx.state.requestId);
  });
  return router;
}

export function reservationRoutes(room: ReadingRoom): Router {
  const router = new Router();
  router.post('/reservations', async (ctx) => {
    const user = principal(ctx, 'member', 'librarian');
    const reservation = await room.reserve(user, parseBody(ctx, reservationBody), ctx.state.requestId);
    ctx.status = 201;
    ctx.set('Location', `/reservations/${reservation.id}`);
    ctx.body = reservation;
  });
  router.get('/reservations', (ctx) => {
    ctx.body = room.list(principal(ctx, 'member', 'librarian', 'service'), parseQuery(ctx, reservationQuery));
  });
  router.get('/reservations/:id', (ctx) => {
    const user = principal(ctx, 'member', 'librarian', 'service');
    ctx.body = room.get(user, check(reservationId, ctx.params.id, 'invalid reservation id'));
  });
  router.delete('/reservations/:id', async (ctx) => {
    const user = principal(ctx, 'member', 'librarian');
    ctx.body = await room.cancel(user, check(reservationId, ctx.params.id, 'invalid reservation id'));
  });
  return router;
}
