// The users service's files: one DurableStore (users.json snapshot + users.journal) under
// DATA_DIR/users, keyed by username. The stored record carries the password hash and
// the lockout counts; the routes only ever answer the PublicUser built from it.
import { DurableStore } from '../shared/store/json-store.js';
import type { LockoutState } from './lockout.js';
import type { AccountFacts, PublicUser } from './types.js';

export const STORE_NAME = 'users';

/** The record also carries its lockout (lockout.ts): by address, and account-wide. */
export interface StoredUser extends PublicUser, LockoutState {
  /** argon2id PHC string, parameters included. */
  passwordHash: string;
  /**
   * Raised by every change of role, `active` or password; a token carries the version it
   * was issued under and is refused once they differ. Absent on records from before: 0.
   */
  tokenVersion?: number;
}

export type UsersSchema = { users: StoredUser };

export type UsersStore = DurableStore<UsersSchema>;

export function openUsersStore(dir: string): Promise<UsersStore> {
  return DurableStore.open<UsersSchema>({ dir, name: STORE_NAME, collections: ['users'] });
}

/** What a token is checked against (see shared/auth.ts). */
export function accountState(user: StoredUser | undefined): AccountFacts | null {
  return user ? { username: user.username, role: user.role, active: user.active, tokenVersion: user.tokenVersion ?? 0 } : null;
}

/** The only way a user leaves this service: no hash, no failure count. */
export function toPublic({ username, name, email, role, active, createdAt, updatedAt }: StoredUser): PublicUser {
  return { username, name, email, role, active, createdAt, updatedAt };
}
