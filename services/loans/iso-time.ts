// Epoch ms ↔ the text Date.prototype.toISOString writes ("2026-06-01T12:00:00.000Z"), in
// arithmetic: the closed-hold table (closed-hold-table.ts) reads and writes four times for
// every hold, 80,000 at a large library's start, and Date.parse and toISOString each took
// several times as long (calls into the runtime). isoTime() hands times before 1970 or
// from 10000 on to toISOString; parseIsoTime() reads any four-digit year (0000–9999), which
// toISOString writes the same way, and refuses the six-digit years beyond.
const DAY = 86_400_000;
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const END = Date.UTC(10_000, 0, 1);

export function isoTime(ms: number): string {
  if (!(ms >= 0 && ms < END) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  // H. Hinnant's civil_from_days: days since 0000-03-01, in 400-year eras, March first.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO[month]}-${TWO[day]}T${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[rest - seconds * 1000]}Z`;
}

/**
 * The epoch ms of `text` if it is exactly what isoTime() (and toISOString) writes for them,
 * else NaN: "2026-06-01T12:00:00Z", "2026-02-30T00:00:00.000Z" or "+012026-…" are not.
 */
export function parseIsoTime(text: string): number {
  if (text.length !== 24 || !separated(text)) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  const ms = digits(text, 20, 3);
  // NaN (a field not all digits) fails every comparison.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hours <= 23 && minutes <= 59 && seconds <= 59 && ms >= 0)) return NaN;
  return daysFromCivil(year, month, day) * DAY + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + ms;
}

/** "YYYY-MM-DDTHH:MM:SS.mmmZ": its separators where they belong. */
function separated(text: string): boolean {
  const at = (i: number) => text.charCodeAt(i);
  return at(4) === 45 && at(7) === 45 && at(10) === 84 && at(13) === 58 && at(16) === 58 && at(19) === 46 && at(23) === 90;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The decimal number in text[at, at + count), or NaN if any of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** [year, month 1-12, day 1-31] → days since 1970-01-01 (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
