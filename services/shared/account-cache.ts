// The account behind a token, as other services see it: asked of the users service and
// kept for `maxAgeMs`, so a change of role, a deactivation or a new password reaches every
// service within that bound (TOKEN_CHECK_SECONDS, README "Security") while a busy member
// costs one call to users per bound, not one per request. Concurrent misses for the same
// account share one call. When users cannot be reached and the entry is older than the
// bound, the request fails with users' 503: an account is never trusted past the bound.
// A token newer than the kept answer (a login after the change: its version is higher) means
// the answer is stale, not the token: it is asked again, so "log in again" works at once.
import type { AccountLookup, AccountState } from './auth.js';
import { systemClock, type Clock } from './clock.js';

const MAX_ENTRIES = 10_000;

export function cachedAccounts(fetch: AccountLookup, maxAgeMs: number, now: Clock = systemClock): AccountLookup {
  const entries = new Map<string, { state: AccountState | null; at: number }>();
  const inFlight = new Map<string, Promise<AccountState | null>>();
  return async (username, tokenVersion) => {
    const hit = entries.get(username);
    const stale = tokenVersion !== undefined && hit?.state != null && hit.state.tokenVersion < tokenVersion;
    if (hit && !stale && now() - hit.at < maxAgeMs) return hit.state;
    let pending = inFlight.get(username);
    if (!pending) {
      const asked = now();
      pending = fetch(username)
        .then((state) => {
          if (entries.size >= MAX_ENTRIES) entries.clear();
          entries.set(username, { state, at: asked });
          return state;
        })
        .finally(() => inFlight.delete(username));
      inFlight.set(username, pending);
    }
    return pending;
  };
}
