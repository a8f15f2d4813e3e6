// The users contract. A password or its hash never appears in any of these.
import type { Principal } from '../shared/auth.js';

export type UserRole = 'member' | 'librarian';

export interface PublicUser {
  username: string;
  name: string;
  email: string;
  role: UserRole;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: PublicUser;
}

export type { Principal };

/** POST /register. Everyone who registers is a member; a librarian promotes them with PATCH. */
export interface RegisterRequest {
  username: string;
  password: string;
  name: string;
  email: string;
}

/** POST /login. */
export interface LoginRequest {
  username: string;
  password: string;
}

/**
 * PATCH /users/:username: a member may change name, email and password; a librarian also
 * role and active. Changing one's own password needs the current one.
 */
export interface UserPatch {
  name?: string;
  email?: string;
  password?: string;
  currentPassword?: string;
  role?: UserRole;
  active?: boolean;
}

export type { AccountFacts } from '../contracts/users.js';
