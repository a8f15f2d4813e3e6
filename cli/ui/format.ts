// Small formatters the views share.
import type { Style } from './style.js';

export function money(amount: number): string {
  return amount.toFixed(2);
}

/**
 * "2026-12-01 14:05 GMT+1": the user's local time (TZ), with its zone, so a due date read
 * on another machine or pasted into a ticket still says when. Each time carries its own
 * zone, as a list of due dates may span a change to or from summer time.
 */
export function when(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())} ${zoneName(date)}`;
}

/** The local zone's short name at that moment ("UTC", "GMT+1", "EST"), the same in every locale. */
function zoneName(date: Date): string {
  return new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** "Showing 1–20 of 48 (next page: --offset 20)" under a list. */
export function pageFooter(shown: number, offset: number, total: number, style: Style): string {
  // Piped, the table's rows are the whole output (scripts page with --offset, or use --json).
  if (total === 0 || shown === 0 || style.width === undefined) return '';
  const range = `${offset + 1}–${offset + shown}`;
  const next = offset + shown < total ? ` (next page: --offset ${offset + shown})` : '';
  return style.dim(`Showing ${range} of ${total}${next}`);
}

/** Label/value lines, labels padded to one width. */
export function fields(rows: [string, string | undefined][], style: Style): string {
  const kept = rows.filter(([, value]) => value !== undefined && value !== '');
  const width = Math.max(...kept.map(([label]) => label.length));
  return kept.map(([label, value]) => `  ${style.dim(label.padEnd(width))}  ${value}`).join('\n');
}
