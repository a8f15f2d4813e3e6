import { Tokens, type Role } from '../../services/shared/auth.js';
import { TEST_SECRET } from './http.js';

export const testTokens = new Tokens(TEST_SECRET);

/**
 * A token signed with the test secret, token version 0. Apps started in-process trust the
 * signature; a real service process also asks users that the account exists, is active and
 * has that role and version (see LiveStack.member and users/testing.ts startAccounts).
 */
export async function tokenFor(username: string, role: Role = 'member'): Promise<string> {
  return (await testTokens.issue({ username, role }, 3600)).token;
}
