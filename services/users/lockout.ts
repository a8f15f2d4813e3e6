// The lockout rules, free of HTTP and of the store. Failures are counted per client address
// as well as for the account as a whole, so that an anonymous client cannot keep a librarian
// out (its failures lock the account only for its own address) while a guesser spread over
// many addresses is still stopped (the account-wide count locks it everywhere):
// - `maxFailures` (5) wrong passwords in a row from one address lock the account for that
//   address for `lockSeconds` (10 minutes); a success from that address starts its count again;
// - `accountMaxFailures` (50) wrong passwords from all addresses within `accountWindowSeconds`
//   (10 minutes) lock it for every address for `lockSeconds`;
// - a librarian's unlock, or a new password, lifts both.
import type { UsersPolicy } from './policy.js';

/** What one address has done to one account lately. */
export interface AddressFailures {
  /** Wrong passwords in a row from this address. */
  inARow: number;
  lastAt: number;
  /** ISO time; logins from this address are refused until then. */
  lockedUntil: string | null;
}

/** The lockout part of a stored account. */
export interface LockoutState {
  /** Account-wide lock (ISO time), or null. */
  lockedUntil: string | null;
  /** By client address; addresses with nothing recent are dropped. */
  byAddress?: Record<string, AddressFailures>;
  /** Times (epoch ms) of the account's recent failures from anywhere, oldest first. */
  recentFailures?: number[];
}

type Policy = Pick<UsersPolicy, 'maxFailures' | 'lockSeconds' | 'accountMaxFailures' | 'accountWindowSeconds'>;

export const UNLOCKED: LockoutState = Object.freeze({ lockedUntil: null, byAddress: {}, recentFailures: [] });

const after = (until: string | null, now: number) => until !== null && Date.parse(until) > now;

/** The end of the lock that stops a login from `address` now, or null. */
export function lockFor(state: LockoutState, address: string, now: number): string | null {
  if (after(state.lockedUntil, now)) return state.lockedUntil;
  const mine = state.byAddress?.[address]?.lockedUntil ?? null;
  return after(mine, now) ? mine : null;
}

/** The state after a wrong password from `address` at `now`. */
export function afterFailure(state: LockoutState, address: string, now: number, policy: Policy): LockoutState {
  const lockEnd = new Date(now + policy.lockSeconds * 1000).toISOString();
  const byAddress = recentAddresses(state, now, policy);
  const previous = byAddress[address];
  const inARow = (previous?.inARow ?? 0) + 1;
  byAddress[address] = { inARow, lastAt: now, lockedUntil: inARow >= policy.maxFailures ? lockEnd : null };
  const windowStart = now - policy.accountWindowSeconds * 1000;
  const recentFailures = [...(state.recentFailures ?? []).filter((at) => at > windowStart), now].slice(-policy.accountMaxFailures);
  if (recentFailures.length >= policy.accountMaxFailures) return { lockedUntil: lockEnd, byAddress, recentFailures: [] };
  return { lockedUntil: after(state.lockedUntil, now) ? state.lockedUntil : null, byAddress, recentFailures };
}

/** The state after the right password from `address`, or null when nothing changes. */
export function afterSuccess(state: LockoutState, address: string): LockoutState | null {
  if (!state.byAddress?.[address]) return null;
  const { [address]: _done, ...rest } = state.byAddress;
  return { ...state, byAddress: rest };
}

/** Addresses whose failures still matter (a running lock, or failures within the window). */
function recentAddresses(state: LockoutState, now: number, policy: Policy): Record<string, AddressFailures> {
  const keep: Record<string, AddressFailures> = {};
  const windowStart = now - Math.max(policy.accountWindowSeconds, policy.lockSeconds) * 1000;
  for (const [address, failures] of Object.entries(state.byAddress ?? {})) {
    const locked = failures.lockedUntil !== null && Date.parse(failures.lockedUntil) > now;
    // A lock that has run out starts the count again.
    if (locked) keep[address] = failures;
    else if (failures.lastAt > windowStart) keep[address] = { ...failures, inARow: failures.lockedUntil === null ? failures.inARow : 0, lockedUntil: null };
  }
  return keep;
}
