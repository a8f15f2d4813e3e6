// Choosing in the reading room: a date, then a title with a free seat, then yes or no.
// The menu and `library reserve` on a terminal both walk through here.
import { runReserve } from '../actions/reading-room.js';
import { getSchedule, getScheduleDay, type Offer, type Reservation, type Schedule } from '../api/reading-room.js';
import type { Ctx } from '../context.js';
import { dateLine, dayName, freeSeats, offerLine, reservationLine } from '../ui/reading-room.js';

/** A date of the schedule, or null when there is none to pick or the user went back. */
export async function pickDate(ctx: Ctx, schedule: Schedule, options: { onlyFree?: boolean } = {}): Promise<string | null> {
  const dates = Object.keys(schedule).filter((date) => !options.onlyFree || freeSeats(schedule[date]) > 0);
  if (dates.length === 0) {
    ctx.out.note(options.onlyFree ? 'Every seat on every scheduled date is taken.' : 'The reading room has no dates scheduled.');
    return null;
  }
  const choices = dates.map((date) => ({ name: dateLine(date, schedule[date]), value: date as string | null }));
  choices.push({ name: 'Back', value: null });
  return ctx.ask.select('Which date? (dates are UTC)', choices);
}

/** A title of the date that still has a free seat, or null. */
export async function pickOffer(ctx: Ctx, date: string, offers: Offer[]): Promise<Offer | null> {
  const open = offers.filter((o) => o.free > 0);
  if (open.length === 0) {
    ctx.out.note(`No free seats on ${dayName(date)}.`);
    return null;
  }
  const choices = open.map((offer) => ({ name: offerLine(offer), value: offer as Offer | null }));
  choices.push({ name: 'Back', value: null });
  return ctx.ask.select(`Reserve a seat on ${dayName(date)} for`, choices);
}

/** Asks for what was not given (date, title), confirms, reserves; null when the user stops. */
export async function reserveFlow(ctx: Ctx, given: { date?: string; bookId?: string }): Promise<Reservation | null> {
  let date = given.date;
  if (!date) {
    date = (await pickDate(ctx, await ctx.out.wait('Reading the schedule', getSchedule(ctx.api)), { onlyFree: true })) ?? undefined;
    if (!date) return null;
  }
  let bookId = given.bookId;
  let title = bookId;
  if (!bookId) {
    const offer = await pickOffer(ctx, date, await ctx.out.wait('Reading the schedule', getScheduleDay(ctx.api, date)));
    if (!offer) return null;
    ({ bookId, title } = offer);
  }
  if (!(await ctx.ask.confirm(`Reserve a seat for ${title} on ${dayName(date)}?`, true))) {
    ctx.out.note('Nothing reserved.');
    return null;
  }
  return runReserve(ctx, { date, bookId: bookId! });
}

/** One of the coming reservations to cancel, confirmed; null when none or the user goes back. */
export async function pickReservation(ctx: Ctx, reservations: Reservation[]): Promise<Reservation | null> {
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = reservations.filter((r) => r.date >= today);
  if (upcoming.length === 0) {
    ctx.out.note('No coming reservations to cancel.');
    return null;
  }
  const choices = upcoming.map((r) => ({ name: reservationLine(r), value: r as Reservation | null }));
  choices.push({ name: 'Back', value: null });
  const chosen = await ctx.ask.select('Cancel which reservation?', choices, null);
  if (!chosen || !(await ctx.ask.confirm(`Cancel ${reservationLine(chosen)}?`, false))) return null;
  return chosen;
}
