// The reading room: members reserving (and some cancelling) seats on one date, and a
// librarian rewriting the schedule of later dates. Afterwards each acknowledged
// reservation is there (each acknowledged cancellation gone), no title is overbooked,
// and each date shows the schedule last acknowledged.
import assert from 'node:assert/strict';
import type { LiveStack } from '../support/live-stack.js';
import type { Workload } from './churn.js';
import { LastWrites, pick } from './ledger.js';
import { attempt, type Tally } from './outcome.js';
import { listAll } from './invariants.js';

const ROOM_BOOKS = ['bk-1', 'bk-2', 'bk-3', 'bk-4', 'bk-5', 'bk-6'];
const SEATS = 400;

/** A UTC date `days` from today, as the reading room counts dates. */
export const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function roomWorkload(stack: LiveStack, tally: Tally, workers = 3): Workload {
  const date = dateIn(3);
  const later = [dateIn(5), dateIn(6), dateIn(7)];
  const reservations = new Map<string, { username: string; cancelled: 'no' | 'acked' | 'unknown' }>();
  const schedules = new LastWrites<number>();
  let seq = 0;
  const setDay = (day: string, seats: number) =>
    attempt(stack, tally, 'PUT', `/schedule/${day}`, { token: stack.librarian, json: ROOM_BOOKS.map((bookId) => ({ bookId, seats })) });
  return {
    name: 'reading room',
    workers: workers + 1,
    async prepare() {
      assert.equal((await setDay(date, SEATS)).kind, 'ok', `PUT /schedule/${date} failed`);
    },
    async step(worker) {
      const n = seq++;
      if (worker === workers) {
        // The last worker is the librarian: each later date's seats, rewritten in turn.
        const day = later[n % later.length];
        const seats = 1 + (n % 300);
        const outcome = await setDay(day, seats);
        if (outcome.kind === 'ok') schedules.acked(day, seats);
        else schedules.unknown(day, seats);
        return;
      }
      const username = `visitor${n}`;
      const outcome = await attempt(stack, tally, 'POST', '/reservations', { token: await stack.member(username), json: { date, bookId: pick(ROOM_BOOKS) } });
      if (outcome.kind !== 'ok') return;
      const reservation = { username, cancelled: 'no' as 'no' | 'acked' | 'unknown' };
      reservations.set(outcome.reply.body.id, reservation);
      if (n % 3 !== 0) return;
      const cancel = await attempt(stack, tally, 'DELETE', `/reservations/${outcome.reply.body.id}`, { token: await stack.member(username) });
      reservation.cancelled = cancel.kind === 'ok' ? 'acked' : 'unknown';
    },
    async verify() {
      assert.ok(reservations.size >= 20, `only ${reservations.size} reservations were acknowledged`);
      for (const [id, { cancelled }] of reservations) {
        const reply = await stack.api('GET', `/reservations/${id}`, { token: stack.librarian });
        if (cancelled === 'no') assert.equal(reply.status, 200, `acknowledged reservation ${id}: ${JSON.stringify(reply.body)}`);
        if (cancelled === 'acked') assert.equal(reply.status, 404, `cancelled reservation ${id} is back: ${JSON.stringify(reply.body)}`);
      }
      const held = await listAll<{ id: string; bookId: string }>(stack, `/reservations?date=${date}`);
      assert.equal(new Set(held.map((r) => r.id)).size, held.length, 'a reservation id is listed twice');
      const offers = (await stack.api('GET', `/schedule/${date}`)).body as { bookId: string; seats: number; free: number }[];
      for (const offer of offers) {
        const taken = held.filter((r) => r.bookId === offer.bookId).length;
        assert.ok(taken <= offer.seats, `${offer.bookId} on ${date}: ${taken} reservations for ${offer.seats} seats`);
        assert.equal(offer.free, offer.seats - taken, `${offer.bookId} on ${date}: free seats do not match the reservations`);
      }
      for (const [day, allowed] of schedules.expectations()) {
        const reply = await stack.api('GET', `/schedule/${day}`);
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        for (const offer of reply.body) assert.ok(allowed.includes(offer.seats), `${day} ${offer.bookId}: ${offer.seats} seats, expected one of ${allowed}`);
      }
    },
  };
}
