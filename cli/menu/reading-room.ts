// The reading room in the menu: the schedule (and, logged in, reserving a seat from it),
// my reservations (and cancelling one), and the librarian's schedule for a date.
import { runCancelReservation, runReservations, runScheduleDay, runScheduleSet, scheduleOfDay } from '../actions/reading-room.js';
import { getSchedule } from '../api/reading-room.js';
import { checkDate, checkEntries, entriesText, parseEntries } from '../commands/reading-room-args.js';
import type { Ctx } from '../context.js';
import type { MenuEntry } from './entry.js';
import { pickDate, pickReservation, reserveFlow } from '../flows/reading-room-pick.js';

export const readingRoomEntry: MenuEntry = {
  label: 'Reading room',
  description: 'the schedule of titles and free seats; reserve a seat',
  audience: 'anyone',
  async run(ctx: Ctx) {
    const date = await pickDate(ctx, await ctx.out.wait('Reading the schedule', getSchedule(ctx.api)));
    if (!date) return;
    const offers = await runScheduleDay(ctx, { date });
    if (!ctx.session.current()) return ctx.out.note('Log in to reserve a seat.');
    if (offers.some((o) => o.free > 0)) await reserveFlow(ctx, { date });
  },
};

export const myReservationsEntry: MenuEntry = {
  label: 'My reservations',
  description: 'your reading-room seats; cancel one',
  audience: 'user',
  async run(ctx: Ctx) {
    const username = ctx.session.current()?.user.username;
    const page = await runReservations(ctx, { username, limit: 100 });
    if (page.items.length === 0) return;
    const chosen = await pickReservation(ctx, page.items);
    if (chosen) await runCancelReservation(ctx, { id: chosen.id });
  },
};

export const setScheduleEntry: MenuEntry = {
  label: 'Reading-room schedule of a date',
  description: 'set the titles and seats the reading room offers on a date',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const date = await ctx.ask.text('Date (YYYY-MM-DD, UTC):', { required: true, validate: (v) => checkDate(v.trim()) ?? true });
    const current = await scheduleOfDay(ctx, date);
    const text = await ctx.ask.text('Titles and seats (e.g. bk-3=5 bk-7=10; "none" closes the date):', {
      default: entriesText(current),
      validate: (v) => checkEntries(words(v)) ?? true,
    });
    await runScheduleSet(ctx, { date, entries: parseEntries(words(text)) });
  },
};


function words(text: string): string[] {
  if (text.trim().toLowerCase() === 'none') return [];
  return text.split(/\s+/).filter(Boolean);
}
