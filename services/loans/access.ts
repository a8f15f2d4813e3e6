// Who may act for whom: members for themselves only; librarians (and services) for anyone.
import { Forbidden } from '../shared/problem.js';
import { isStaff, type Principal } from '../shared/auth.js';
import type { MemberCheck } from '../contracts/users-client.js';
import { OthersOnlyForStaff } from './problems.js';

/**
 * The member a request acts for: the caller, or the `username` a librarian names, which must
 * be an existing, active member (asked of users; 404 /problems/member-not-found otherwise).
 */
export async function actingFor(caller: Principal, username: string | undefined, members: MemberCheck, requestId?: string): Promise<string> {
  if (username === undefined || username === caller.username) return caller.username;
  if (!isStaff(caller)) throw new Forbidden('only librarians may act for another member');
  await members(username, requestId);
  return username;
}

/** A member's filter is their own name, whatever they asked; asking for another's is refused. */
export function listFilter(caller: Principal, username: string | undefined, what: string): string | undefined {
  if (isStaff(caller)) return username;
  if (username !== undefined && username !== caller.username) throw new OthersOnlyForStaff(what);
  return caller.username;
}

/** Another member's object does not exist, as far as a member can tell. */
export function canSee(caller: Principal, owner: string): boolean {
  return isStaff(caller) || caller.username === owner;
}
