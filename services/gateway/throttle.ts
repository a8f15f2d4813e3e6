// Login and registration throttling (DESIGN "Login and registration throttling"), keyed by
// the client address (shared/http/client-address.ts):
// - failed logins: at most `failuresPerAddress` (30) a window per address and
//   `failuresPerUsername` (10) per (address, username) → 429 with Retry-After. An attempt
//   counts before it is forwarded (so parallel guesses cannot all slip through) and is taken
//   back when it succeeds: a front desk logging in many members is never limited;
// - registrations: at most `registrationsPerAddress` (10) a window per address → 429.
// The account lockout itself (423) is the users service's (services/users/lockout.ts).
import type { Context, Next } from 'koa';
import type { Clock } from '../shared/clock.js';
import { readBody } from '../shared/http/json-body.js';
import { Problem } from '../shared/problem.js';
import { SlidingWindow } from './sliding-window.js';

export interface ThrottleLimits {
  failuresPerAddress: number;
  failuresPerUsername: number;
  registrationsPerAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = Object.freeze({ failuresPerAddress: 30, failuresPerUsername: 10, registrationsPerAddress: 10, windowMs: 60_000 });

export type Throttled = 'login' | 'register';

/** `/api/login`, `/api/login/`, `/api//login`, … are one route: every limit sees them alike. */
export function throttledRoute(method: string, path: string): Throttled | null {
  if (method !== 'POST') return null;
  const canonical = path.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return canonical === '/api/login' ? 'login' : canonical === '/api/register' ? 'register' : null;
}

export function throttle(limits: ThrottleLimits, now?: Clock) {
  const byAddress = new SlidingWindow(limits.failuresPerAddress, limits.windowMs, now);
  const byUsername = new SlidingWindow(limits.failuresPerUsername, limits.windowMs, now);
  const registrations = new SlidingWindow(limits.registrationsPerAddress, limits.windowMs, now);
  const seconds = limits.windowMs / 1000;

  async function login(ctx: Context, address: string, next: Next): Promise<void> {
    const pair = `${address} ${await usernameOf(ctx)}`;
    const wait = Math.max(byAddress.retryAfter(address), byUsername.retryAfter(pair));
    if (wait > 0) {
      ctx.set('Retry-After', String(wait));
      throw new Problem(429, 'too-many-logins', 'Too many failed logins', `at most ${limits.failuresPerAddress} failed logins per ${seconds} s from one address, ${limits.failuresPerUsername} for one username; try again in ${wait} s`);
    }
    byAddress.add(address);
    byUsername.add(pair);
    let counts = true;
    try {
      await next();
      counts = ctx.status >= 400 && ctx.status < 500; // refused: a guess; 2xx: a login; 5xx: not decided
    } catch (error) {
      counts = error instanceof Problem && error.status >= 400 && error.status < 500;
      throw error;
    } finally {
      if (!counts) {
        byAddress.undo(address);
        byUsername.undo(pair);
      }
    }
  }

  async function register(ctx: Context, address: string, next: Next): Promise<void> {
    const wait = registrations.retryAfter(address);
    if (wait > 0) {
      ctx.set('Retry-After', String(wait));
      throw new Problem(429, 'too-many-registrations', 'Too many registrations', `at most ${limits.registrationsPerAddress} registrations per ${seconds} s from one address; try again in ${wait} s`);
    }
    registrations.add(address);
    return next();
  }

  return (route: Throttled, ctx: Context, address: string, next: Next) => (route === 'login' ? login(ctx, address, next) : register(ctx, address, next));
}

/**
 * The username the login names, as users will read it (trimmed, any case); '' when the body
 * names none. The body is kept for the proxy, which then does not read it again.
 */
async function usernameOf(ctx: Context): Promise<string> {
  const body = await readBody(ctx.req);
  ctx.state.body = body;
  try {
    const username = (JSON.parse(body.toString('utf8')) as { username?: unknown }).username;
    return typeof username === 'string' ? username.trim().toLowerCase() : '';
  } catch {
    return '';
  }
}
