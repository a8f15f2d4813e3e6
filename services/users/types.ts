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
