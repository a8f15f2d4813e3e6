// Logging in. A wrong password counts against the account; reaching the limit locks it
// for a while, and while it is locked even the right password is refused, so guessing
// gains nothing. The count and the lock are stored, so a restart does not lift them.
import type { Tokens } from '../shared/auth.js';
import { hashPassword, isWeakerThanCurrent, verifyAgainstDummy, verifyPassword } from './password.js';
import type { UsersPolicy } from './policy.js';
import { AccountLocked, accountDisabled, invalidCredentials } from './problems.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { toPublic, type StoredUser, type UsersStore } from './store.js';
import type { LoginRequest, LoginResponse, PublicUser } from './types.js';

type Outcome =
  | { kind: 'ok'; user: PublicUser; tokenVersion: number }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: string }
  | { kind: 'disabled' };

export class LoginService {
  constructor(
    private readonly store: UsersStore,
    private readonly tokens: Tokens,
    private readonly policy: UsersPolicy,
    private readonly now: Clock = systemClock,
  ) {}

  async login({ username, password }: LoginRequest): Promise<LoginResponse> {
    const before = this.store.get('users', username);
    const lockedAtStart = before && this.lockedUntil(before);
    if (lockedAtStart) throw this.locked(lockedAtStart);
    const ok = before ? await verifyPassword(before.passwordHash, password) : await verifyAgainstDummy(password);
    if (!before) throw invalidCredentials();
    const rehashed = ok && isWeakerThanCurrent(before.passwordHash) ? await hashPassword(password) : undefined;
    // The verdict is recorded against the account as it is now: other attempts may have
    // counted failures (or changed the password) while this one was hashing.
    const outcome = await this.store.change((tx) => {
      const current = tx.get('users', username);
      if (!current) return { kind: 'invalid' } as Outcome;
      return this.settle(current, ok && current.passwordHash === before.passwordHash, rehashed, (next) =>
        tx.put('users', username, next),
      );
    });
    if (outcome.kind === 'locked') throw this.locked(outcome.until);
    if (outcome.kind === 'invalid') throw invalidCredentials();
    if (outcome.kind === 'disabled') throw accountDisabled(username);
    const { token, expiresAt } = await this.tokens.issue(
      { username: outcome.user.username, role: outcome.user.role, tokenVersion: outcome.tokenVersion },
      this.policy.tokenTtlSeconds,
    );
    return { token, expiresAt, user: outcome.user };
  }

  /** Decides one attempt and stages what it changes; runs inside a store change, so it must not await. */
  private settle(current: StoredUser, ok: boolean, rehashed: string | undefined, put: (next: StoredUser) => void): Outcome {
    const locked = this.lockedUntil(current);
    if (locked) return { kind: 'locked', until: locked };
    if (!ok) {
      const failedLogins = this.failuresSoFar(current) + 1;
      const lockedUntil =
        failedLogins >= this.policy.maxFailures ? new Date(this.now() + this.policy.lockSeconds * 1000).toISOString() : null;
      put({ ...current, failedLogins, lockedUntil });
      return { kind: 'invalid' };
    }
    const next: StoredUser = { ...current, failedLogins: 0, lockedUntil: null, passwordHash: rehashed ?? current.passwordHash };
    // A plain successful login writes nothing; only a reset count or a new hash is stored.
    if (current.failedLogins !== 0 || current.lockedUntil !== null || rehashed) put(next);
    return current.active ? { kind: 'ok', user: toPublic(next), tokenVersion: current.tokenVersion ?? 0 } : { kind: 'disabled' };
  }

  private locked(until: string): AccountLocked {
    return new AccountLocked(until, Math.max(1, Math.ceil((Date.parse(until) - this.now()) / 1000)));
  }

  /** The end of the account's lock, or null when it is not locked (any more). */
  private lockedUntil(user: StoredUser): string | null {
    return user.lockedUntil !== null && Date.parse(user.lockedUntil) > this.now() ? user.lockedUntil : null;
  }

  /** Failures in a row that still count: a lock that has run out starts the count again. */
  private failuresSoFar(user: StoredUser): number {
    return user.lockedUntil !== null ? 0 : user.failedLogins;
  }
}
