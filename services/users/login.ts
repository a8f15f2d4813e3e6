// Logging in. A wrong password counts against the account, for the client's address and
// account-wide (lockout.ts); reaching a limit locks it for a while, and while it is locked
// even the right password is refused, so guessing gains nothing. The counts and the locks
// are stored, so a restart does not lift them.
import type { Tokens } from '../shared/auth.js';
import { hashPassword, isWeakerThanCurrent, verifyAgainstDummy, verifyPassword } from './password.js';
import type { UsersPolicy } from './policy.js';
import { afterFailure, afterSuccess, lockFor, UNLOCKED } from './lockout.js';
import { AccountLocked, accountDisabled, currentPasswordWrong, invalidCredentials, userNotFound } from './problems.js';
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

  /** `address` is the client's (see shared/http/client-address.ts): failures are counted per address too. */
  async login({ username, password }: LoginRequest, address: string): Promise<LoginResponse> {
    const before = this.store.get('users', username);
    const lockedAtStart = before && lockFor(before, address, this.now());
    if (lockedAtStart) throw this.locked(lockedAtStart);
    const ok = before ? await verifyPassword(before.passwordHash, password) : await verifyAgainstDummy(password);
    if (!before) throw invalidCredentials();
    const rehashed = ok && isWeakerThanCurrent(before.passwordHash) ? await hashPassword(password) : undefined;
    // The verdict is recorded against the account as it is now: other attempts may have
    // counted failures (or changed the password) while this one was hashing.
    const outcome = await this.store.change((tx) => {
      const current = tx.get('users', username);
      if (!current) return { kind: 'invalid' } as Outcome;
      return this.settle(current, address, ok && current.passwordHash === before.passwordHash, rehashed, (next) =>
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

  /**
   * The proof that goes with changing one's own password: `password` is the account's now. A
   * wrong one is settled as a failed login from `address` (settle()), and a lock refuses the
   * proof (423) as it refuses a login, so a token alone is no way round the lockout to guess
   * the password.
   */
  async proveCurrentPassword(username: string, password: string, address: string): Promise<void> {
    const before = this.store.get('users', username);
    if (!before) throw userNotFound(username);
    const lockedAtStart = lockFor(before, address, this.now());
    if (lockedAtStart) throw this.locked(lockedAtStart);
    if (await verifyPassword(before.passwordHash, password)) return;
    const outcome = await this.store.change((tx) => {
      const current = tx.get('users', username);
      return current ? this.settle(current, address, false, undefined, (next) => tx.put('users', username, next)) : ({ kind: 'invalid' } as Outcome);
    });
    if (outcome.kind === 'locked') throw this.locked(outcome.until);
    throw currentPasswordWrong();
  }

  /** Lifts every lock of the account, for every address (a librarian's POST /users/:username/unlock). */
  async unlock(username: string): Promise<PublicUser> {
    return this.store.change((tx) => {
      const current = tx.get('users', username);
      if (!current) throw userNotFound(username);
      const next: StoredUser = { ...current, ...UNLOCKED };
      tx.put('users', username, next);
      return toPublic(next);
    });
  }

  /** Decides one attempt and stages what it changes; runs inside a store change, so it must not await. */
  private settle(current: StoredUser, address: string, ok: boolean, rehashed: string | undefined, put: (next: StoredUser) => void): Outcome {
    const now = this.now();
    const locked = lockFor(current, address, now);
    if (locked) return { kind: 'locked', until: locked };
    if (!ok) {
      put({ ...current, ...afterFailure(current, address, now, this.policy) });
      return { kind: 'invalid' };
    }
    const cleared = afterSuccess(current, address);
    const next: StoredUser = { ...current, ...(cleared ?? {}), passwordHash: rehashed ?? current.passwordHash };
    // A plain successful login writes nothing; only a reset count or a new hash is stored.
    if (cleared || rehashed) put(next);
    return current.active ? { kind: 'ok', user: toPublic(next), tokenVersion: current.tokenVersion ?? 0 } : { kind: 'disabled' };
  }

  private locked(until: string): AccountLocked {
    return new AccountLocked(until, Math.max(1, Math.ceil((Date.parse(until) - this.now()) / 1000)));
  }
}
