// Accounts, through the gateway: registering and logging in are public, the rest needs a token.
import { segment, type ApiClient } from './client.js';
import type { LoginResponse, Page, PageQuery, PublicUser, RegisterRequest } from './types.js';

export function register(api: ApiClient, request: RegisterRequest): Promise<PublicUser> {
  return api.post('/register', request, { auth: false });
}

export function login(api: ApiClient, username: string, password: string): Promise<LoginResponse> {
  return api.post('/login', { username, password }, { auth: false });
}

export function me(api: ApiClient): Promise<PublicUser> {
  return api.get('/me');
}

export function listUsers(api: ApiClient, page: PageQuery = {}): Promise<Page<PublicUser>> {
  return api.get('/users', { searchParams: { ...page } });
}

export function getUser(api: ApiClient, username: string): Promise<PublicUser> {
  return api.get(`/users/${segment(username)}`);
}

export interface UserFilter extends PageQuery {
  q?: string;
  role?: 'member' | 'librarian';
}

export function findUsers(api: ApiClient, filter: UserFilter = {}): Promise<Page<PublicUser>> {
  return api.get('/users', { searchParams: { ...filter } });
}

/** A librarian's change to an account: role, active, or a new password. */
export function updateUser(api: ApiClient, username: string, changes: { role?: 'member' | 'librarian'; active?: boolean; password?: string }): Promise<PublicUser> {
  return api.patch(`/users/${segment(username)}`, changes);
}

/** Lifts the lockout that failed logins put on an account (librarians). */
export function unlockUser(api: ApiClient, username: string): Promise<PublicUser> {
  return api.post(`/users/${segment(username)}/unlock`);
}
