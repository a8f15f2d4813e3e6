// The reading room's calendar is kept in UTC dates (YYYY-MM-DD), so "today" and
// "the past" mean the same thing to every service and client whatever their zone.
import { z } from 'zod';
import type { IsoDate } from './types.js';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY_MS = 86_400_000;

/** True for a real calendar date: 2026-02-30 is refused, not rolled over to March. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

export function utcDate(at: Date): IsoDate {
  return at.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/** `from` and the `days` dates after it. */
export function dateRange(from: IsoDate, days: number): IsoDate[] {
  return Array.from({ length: days + 1 }, (_, i) => addDays(from, i));
}
