// Login attempts per client address in a sliding window, so nobody can guess passwords
// at machine speed (the users service also locks an account after 5 failures in a row).
import type { Middleware } from 'koa';
import { systemClock, type Clock } from '../shared/clock.js';
import { Problem } from '../shared/problem.js';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  now?: Clock;
}

export function loginRateLimit({ max, windowMs, now = systemClock }: RateLimitOptions): Middleware {
  const attempts = new Map<string, number[]>();
  let lastSweep = now();
  return async (ctx, next) => {
    const t = now();
    if (t - lastSweep > windowMs) {
      // forget clients that have gone quiet, so the map does not grow without bound
      for (const [client, times] of attempts) if (times[times.length - 1] <= t - windowMs) attempts.delete(client);
      lastSweep = t;
    }
    const client = ctx.req.socket.remoteAddress ?? 'unknown';
    const recent = (attempts.get(client) ?? []).filter((time) => time > t - windowMs);
    if (recent.length >= max) {
      const retryAfter = Math.max(1, Math.ceil((recent[0] + windowMs - t) / 1000));
      ctx.set('Retry-After', String(retryAfter));
      attempts.set(client, recent);
      throw new Problem(429, 'too-many-logins', 'Too many login attempts', `at most ${max} logins per ${windowMs / 1000} s from one client; try again in ${retryAfter} s`);
    }
    recent.push(t);
    attempts.set(client, recent);
    return next();
  };
}
