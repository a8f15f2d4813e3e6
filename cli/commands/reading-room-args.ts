// Reading-room arguments as people type them: dates as YYYY-MM-DD and a schedule as
// bookId=seats pairs ("bk-3=5 bk-7=10"). Bad ones are usage errors (exit 2).
import type { Offer, ScheduleEntry } from '../api/reading-room.js';
import { UsageError } from '../errors.js';

const ENTRY = /^([\w.-]+)=(\d{1,6})$/;

/** Why `text` is not a date YYYY-MM-DD, or null when it is one. */
export function checkDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'enter a date as YYYY-MM-DD';
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? null : 'not a calendar date';
}

export function dateArgument(text: string): string {
  const problem = checkDate(text.trim());
  if (problem) throw new UsageError(`date: ${problem}, got "${text}"`);
  return text.trim();
}

/** Why a list of pairs does not parse, or null. */
export function checkEntries(words: string[]): string | null {
  const bad = words.find((w) => !ENTRY.test(w));
  return bad === undefined ? null : `"${bad}" is not bookId=seats, e.g. bk-3=5`;
}

export function parseEntries(words: string[]): ScheduleEntry[] {
  const problem = checkEntries(words);
  if (problem) throw new UsageError(problem);
  return words.map((word) => {
    const [, bookId, seats] = ENTRY.exec(word)!;
    return { bookId, seats: Number(seats) };
  });
}

/**
 * `schedule set` without --replace: the date's titles as they are, with the given ones added
 * or changed in place, and those given `=0` taken off. Nothing a librarian did not name is
 * dropped.
 */
export function mergeEntries(current: Offer[], given: ScheduleEntry[]): ScheduleEntry[] {
  const merged = new Map(current.map((o) => [o.bookId, o.seats]));
  for (const entry of given) {
    if (entry.seats === 0) merged.delete(entry.bookId);
    else merged.set(entry.bookId, entry.seats);
  }
  return [...merged].map(([bookId, seats]) => ({ bookId, seats }));
}

/** The pairs that would set a date to what it offers now. */
export function entriesText(offers: Offer[]): string {
  return offers.map((o) => `${o.bookId}=${o.seats}`).join(' ');
}
