// The rules for members and librarians: who may register, see and change which account.
// Logging in (with its lockout) lives in login.ts.
import type { Principal } from '../shared/auth.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Page } from '../shared/http/validate.js';
import { UNLOCKED } from './lockout.js';
import type { LoginService } from './login.js';
import { hashPassword } from './password.js';
import { accountDisabled, currentPasswordRequired, currentPasswordWrong, forbiddenField, lastLibrarian, userNotFound, usernameTaken } from './problems.js';
import { accountState, toPublic, type StoredUser, type UsersStore } from './store.js';
import { UserOrder } from './user-order.js';
import type { AccountFacts, PublicUser, RegisterRequest, UserPatch, UserRole } from './types.js';

export interface UserListQuery {
  limit: number;
  offset: number;
  /** Part of the username, name or email, any case. */
  q?: string;
  role?: UserRole;
  active?: boolean;
}

export class UsersService {
  private readonly order: UserOrder;

  constructor(
    private readonly store: UsersStore,
    /** Checks one's own current password, with the lockout of logins (login.ts). */
    private readonly passwords: Pick<LoginService, 'proveCurrentPassword'>,
    private readonly now: Clock = systemClock,
  ) {
    this.order = new UserOrder(store);
  }

  count(): number {
    return this.store.count('users');
  }

  async register(input: RegisterRequest): Promise<PublicUser> {
    // Checked before hashing too, so a taken name costs no argon2 work.
    if (this.store.get('users', input.username)) throw usernameTaken(input.username);
    const passwordHash = await hashPassword(input.password);
    return this.store.change((tx) => {
      if (tx.get('users', input.username)) throw usernameTaken(input.username);
      const at = new Date(this.now()).toISOString();
      const user: StoredUser = {
        username: input.username,
        name: input.name,
        email: input.email,
        role: 'member',
        active: true,
        createdAt: at,
        updatedAt: at,
        passwordHash,
        ...UNLOCKED,
      };
      tx.put('users', user.username, user);
      return toPublic(user);
    });
  }

  /** The caller's own account. */
  me(caller: Principal): PublicUser {
    return toPublic(this.visible(caller, caller.username));
  }

  get(caller: Principal, username: string): PublicUser {
    return toPublic(this.visible(caller, username));
  }

  list(query: UserListQuery): Page<PublicUser> {
    const q = query.q?.toLowerCase();
    const filtered = q !== undefined || query.role !== undefined || query.active !== undefined;
    const wanted = (u: StoredUser) =>
      (query.role === undefined || u.role === query.role) &&
      (query.active === undefined || u.active === query.active) &&
      (!q || [u.username, u.name, u.email].some((field) => field.toLowerCase().includes(q)));
    const page = this.order.page(query.offset, query.limit, filtered ? wanted : undefined);
    return { items: page.items.map(toPublic), total: page.total };
  }

  /** `address` is the client's: a wrong currentPassword counts against the account from there. */
  async update(caller: Principal, username: string, patch: UserPatch, address: string): Promise<PublicUser> {
    const before = this.visible(caller, username);
    const staffOnly = (['role', 'active'] as const).filter((field) => patch[field] !== undefined);
    if (caller.role !== 'librarian' && staffOnly.length > 0) throw forbiddenField(staffOnly);
    // A librarian resetting someone else's password does not know it; one's own needs proof.
    if (patch.password !== undefined && caller.username === username) {
      if (patch.currentPassword === undefined) throw currentPasswordRequired();
      await this.passwords.proveCurrentPassword(username, patch.currentPassword, address);
    }
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    return this.store.change((tx) => {
      const current = tx.get('users', username);
      if (!current) throw userNotFound(username);
      // The password changed while the current one was being checked: decide again.
      if (passwordHash && caller.username === username && current.passwordHash !== before.passwordHash) throw currentPasswordWrong();
      const next: StoredUser = {
        ...current,
        name: patch.name ?? current.name,
        email: patch.email ?? current.email,
        role: patch.role ?? current.role,
        active: patch.active ?? current.active,
        updatedAt: new Date(this.now()).toISOString(),
      };
      // A new password is a fresh start: whoever set it knows it, so the lock goes too.
      if (passwordHash) Object.assign(next, { passwordHash, ...UNLOCKED });
      // Tokens follow the account: any token issued before this change is refused from now on.
      if (passwordHash || next.role !== current.role || next.active !== current.active) next.tokenVersion = (current.tokenVersion ?? 0) + 1;
      if (isActiveLibrarian(current) && !isActiveLibrarian(next) && !this.otherActiveLibrarian(username)) {
        throw lastLibrarian(username);
      }
      tx.put('users', username, next);
      return toPublic(next);
    });
  }

  /** For other services: the account's role, `active` and token version (404 when there is none). */
  account(username: string): AccountFacts {
    const facts = accountState(this.store.get('users', username));
    if (!facts) throw userNotFound(username);
    return facts;
  }

  /**
   * The stored account `username`, if `caller` may see it: librarians and services see
   * everyone, a member only themselves (anyone else is "not found", never "forbidden").
   */
  private visible(caller: Principal, username: string): StoredUser {
    const self = caller.role !== 'service' && caller.username === username;
    if (!self && caller.role === 'member') throw userNotFound(username);
    const user = this.store.get('users', username);
    if (!user) throw userNotFound(username);
    // A token outlives a disabled account; the account's own data is closed to it at once.
    if (self && !user.active && caller.role !== 'librarian') throw accountDisabled(username);
    return user;
  }

  private otherActiveLibrarian(username: string): boolean {
    for (const user of this.store.values('users')) if (user.username !== username && isActiveLibrarian(user)) return true;
    return false;
  }
}

function isActiveLibrarian(user: StoredUser): boolean {
  return user.role === 'librarian' && user.active;
}
