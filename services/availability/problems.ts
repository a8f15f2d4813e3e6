// The reading room's refusals, each with its own stable type so that clients and
// scripts can tell "full" from "already booked" from "not that day".
import { Conflict, NotFound, Problem } from '../shared/problem.js';
import type { IsoDate } from './types.js';

export const noSeatsLeft = (bookId: string, date: IsoDate) =>
  new Conflict('no-seats-left', 'No seats left', `every seat for ${bookId} on ${date} is taken`, { bookId, date });

export const alreadyReserved = (date: IsoDate, username: string, id: string) =>
  new Conflict('already-reserved', 'Already reserved', `${username} already holds reservation ${id} on ${date}`, { date, reservationId: id });

export const seatsTaken = (bookId: string, date: IsoDate, taken: number) =>
  new Conflict('seats-taken', 'Seats already reserved', `${taken} seat(s) for ${bookId} on ${date} are reserved; cancel them first`, { bookId, date, taken });

export const dateInPast = (date: IsoDate, today: IsoDate) =>
  new Problem(422, 'date-in-past', 'Date in the past', `${date} is before today (${today}, UTC)`, { date });

/** 404 when asked for a date's schedule, 422 when a reservation names the date. */
export const dateNotScheduled = (date: IsoDate, status: 404 | 422) =>
  new Problem(status, 'date-not-scheduled', 'Date not scheduled', `the reading room has no schedule for ${date}`, { date });

export const notOnSchedule = (bookId: string, date: IsoDate) =>
  new Problem(422, 'not-on-schedule', 'Not on the schedule', `${bookId} is not offered in the reading room on ${date}`, { bookId, date });

/** 404 when a reservation names the book, 422 when a schedule lists it. */
export const unknownBook = (bookId: string, status: 404 | 422) =>
  new Problem(status, 'unknown-book', 'Unknown book', `the catalog has no book ${bookId}`, { bookId });

export const reservationNotFound = (id: string) => new NotFound(`no reservation ${id}`, 'reservation-not-found');
