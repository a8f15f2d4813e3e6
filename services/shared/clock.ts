// The one notion of "now" every service's rules use. Rules take a Clock instead of
// calling Date.now() so that a test moves time (test/support/clock.ts) instead of sleeping.

/** Milliseconds since the epoch, as Date.now() answers. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** The clock's time as an ISO-8601 timestamp, the form every stored record uses. */
export const isoNow = (clock: Clock): string => new Date(clock()).toISOString();
