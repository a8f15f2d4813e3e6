// How the reading room looks: the dates on offer, one date's titles, reservations.
import type { Offer, Reservation, Schedule } from '../api/reading-room.js';
import type { Page } from '../api/types.js';
import { pageFooter } from './format.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Tue 2026-12-01": reading-room dates are UTC calendar dates, so the weekday is too. */
export function dayName(date: string): string {
  return `${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]} ${date}`;
}

export function freeSeats(offers: Offer[]): number {
  return offers.reduce((sum, o) => sum + o.free, 0);
}

/** One line per date: for choices, and the rows of the overview. */
export function dateLine(date: string, offers: Offer[]): string {
  const free = freeSeats(offers);
  return `${dayName(date)} — ${offers.length} ${offers.length === 1 ? 'title' : 'titles'}, ${free} free ${free === 1 ? 'seat' : 'seats'}`;
}

export function offerLine(offer: Offer): string {
  return `${offer.title} (${offer.bookId}) — ${offer.free} of ${offer.seats} seats free`;
}

export async function scheduleOverview(schedule: Schedule, style: Style): Promise<string> {
  const dates = Object.keys(schedule);
  if (dates.length === 0) return 'The reading room has no dates scheduled.';
  const table = await renderTable(
    [{ head: 'Date (UTC)' }, { head: 'Titles', align: 'right' }, { head: 'Free seats', align: 'right' }],
    dates.map((date) => [dayName(date), String(schedule[date].length), String(freeSeats(schedule[date]))]),
    style,
  );
  return `${table}\n${style.dim('See the titles of a date with: library schedule <date>')}`;
}

export async function dayTable(date: string, offers: Offer[], style: Style): Promise<string> {
  if (offers.length === 0) return `The reading room offers nothing on ${dayName(date)} (UTC).`;
  const table = await renderTable(
    [{ head: 'Book', keep: true }, { head: 'Title' }, { head: 'Seats', align: 'right' }, { head: 'Free', align: 'right' }],
    offers.map((o) => [o.bookId, o.title, String(o.seats), o.free > 0 ? String(o.free) : style.warn('full')]),
    style,
  );
  return `${style.bold(`Reading room, ${dayName(date)} (UTC)`)}\n${table}`;
}

export function scheduleSaved(date: string, offers: Offer[], style: Style, kept: string[] = []): Promise<string> {
  const note = kept.length > 0 ? ` Kept as they were: ${kept.join(', ')} (--replace drops titles not given).` : '';
  return dayTable(date, offers, style).then((table) => `Saved the schedule of ${style.bold(date)}.${note}\n${table}`);
}

export function reservationMade(r: Reservation, style: Style): string {
  return `${style.good('Reserved')} ${style.bold(r.id)}: a seat for ${r.title} (${r.bookId}) on ${dayName(r.date)} (UTC) for ${r.username}.`;
}

export function reservationCancelled(r: Reservation, style: Style): string {
  return `Cancelled ${style.bold(r.id)}: ${r.title} on ${dayName(r.date)} (UTC). The seat is free again.`;
}

export async function reservationList(page: Page<Reservation>, offset: number, style: Style): Promise<string> {
  if (page.items.length === 0) return page.total > 0 ? `No more reservations (there are ${page.total}).` : 'No reservations.';
  const table = await renderTable(
    [{ head: 'ID', keep: true }, { head: 'Date (UTC)' }, { head: 'Book', keep: true }, { head: 'Title' }, { head: 'Member' }],
    page.items.map((r) => [r.id, dayName(r.date), r.bookId, r.title, r.username]),
    style,
  );
  return [table, pageFooter(page.items.length, offset, page.total, style)].filter(Boolean).join('\n');
}

export function reservationLine(r: Reservation): string {
  return `${r.id}: ${dayName(r.date)} — ${r.title} (${r.bookId})`;
}
