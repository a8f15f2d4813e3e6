// The users service's files: one DurableStore (users.json snapshot + users.journal) under
// DATA_DIR/users, keyed by username. The stored record carries the password hash and
// the login-failure count; the routes only ever answer the PublicUser built from it.
import { DurableStore } from '../shared/store/json-store.js';
import type { PublicUser } from './types.js';

export const STORE_NAME = 'users';

export interface StoredUser extends PublicUser {
  /** argon2id PHC string, parameters included. */
  passwordHash: string;
  /** Wrong passwords in a row since the last success (or the last lock ran out). */
  failedLogins: number;
  /** Set when failedLogins reached the limit; logins are refused until then. */
  lockedUntil: string | null;
}

export type UsersSchema = { users: StoredUser };

export type UsersStore = DurableStore<UsersSchema>;

export function openUsersStore(dir: string): Promise<UsersStore> {
  return DurableStore.open<UsersSchema>({ dir, name: STORE_NAME, collections: ['users'] });
}

/** The only way a user leaves this service: no hash, no failure count. */
export function toPublic({ username, name, email, role, active, createdAt, updatedAt }: StoredUser): PublicUser {
  return { username, name, email, role, active, createdAt, updatedAt };
}
