// A clock a test moves by hand, so a rule that depends on time is tested without sleeping.
import type { Clock } from '../../services/shared/clock.js';

export interface MovableClock {
  /** Pass this wherever a Clock is wanted. */
  readonly now: Clock;
  /** Moves time forward by `ms` (or back, with a negative value). */
  advance(ms: number): void;
  /** Sets the time, as epoch milliseconds or an ISO-8601 timestamp. */
  set(to: number | string): void;
}

export function movableClock(start: number | string = '2026-03-02T09:00:00.000Z'): MovableClock {
  const at = (to: number | string) => (typeof to === 'number' ? to : Date.parse(to));
  let current = at(start);
  if (!Number.isFinite(current)) throw new Error(`movableClock: not a time: ${String(start)}`);
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (to) => {
      current = at(to);
    },
  };
}
