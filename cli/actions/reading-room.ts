// schedule, schedule set, reserve, reservations, cancel-reservation: the reading room.
import {
  cancelReservation,
  getSchedule,
  getScheduleDay,
  listReservations,
  reserveSeat,
  setScheduleDay,
  type Offer,
  type Reservation,
  type ReservationFilter,
  type Schedule,
  type ScheduleEntry,
} from '../api/reading-room.js';
import type { Page } from '../api/types.js';
import type { Ctx } from '../context.js';
import { ApiProblem } from '../api/errors.js';
import { dayTable, reservationCancelled, reservationList, reservationMade, scheduleOverview, scheduleSaved } from '../ui/reading-room.js';

/** Every date on offer, today onwards, with its titles and free seats. */
export async function runSchedule(ctx: Ctx): Promise<Schedule> {
  const schedule = await ctx.out.wait('Reading the schedule', getSchedule(ctx.api));
  await ctx.out.emit(schedule, scheduleOverview);
  return schedule;
}

/** The titles of one date, with their free seats. */
export async function runScheduleDay(ctx: Ctx, input: { date: string }): Promise<Offer[]> {
  const offers = await ctx.out.wait('Reading the schedule', getScheduleDay(ctx.api, input.date));
  await ctx.out.emit(offers, (o, style) => dayTable(input.date, o, style));
  return offers;
}

/** Sets a date's titles; `kept` names those left as they were (said, so nobody is surprised). */
export async function runScheduleSet(ctx: Ctx, input: { date: string; entries: ScheduleEntry[]; kept?: string[] }): Promise<Offer[]> {
  const offers = await ctx.out.wait('Saving the schedule', setScheduleDay(ctx.api, input.date, input.entries));
  await ctx.out.emit(offers, (o, style) => scheduleSaved(input.date, o, style, input.kept ?? []));
  return offers;
}

/** A date's schedule so far, or nothing when it has none yet. */
export async function scheduleOfDay(ctx: Ctx, date: string): Promise<Offer[]> {
  try {
    return await ctx.out.wait('Reading the schedule', getScheduleDay(ctx.api, date));
  } catch (error) {
    if (error instanceof ApiProblem && error.code === 'date-not-scheduled') return [];
    throw error;
  }
}

export async function runReserve(ctx: Ctx, input: { date: string; bookId: string }): Promise<Reservation> {
  const reservation = await ctx.out.wait('Reserving a seat', reserveSeat(ctx.api, input.date, input.bookId));
  await ctx.out.emit(reservation, reservationMade);
  return reservation;
}

export async function runReservations(ctx: Ctx, filter: ReservationFilter): Promise<Page<Reservation>> {
  const page = await ctx.out.wait('Listing reservations', listReservations(ctx.api, filter));
  await ctx.out.emit(page, (p, style) => reservationList(p, filter.offset ?? 0, style));
  return page;
}

export async function runCancelReservation(ctx: Ctx, input: { id: string }): Promise<Reservation> {
  const cancelled = await ctx.out.wait('Cancelling the reservation', cancelReservation(ctx.api, input.id));
  await ctx.out.emit(cancelled, reservationCancelled);
  return cancelled;
}
