import { Tokens, type Role } from '../../services/shared/auth.js';
import { TEST_SECRET } from './http.js';

export const testTokens = new Tokens(TEST_SECRET);

/** A token for a user who need not exist: services trust the signature, not a lookup. */
export async function tokenFor(username: string, role: Role = 'member'): Promise<string> {
  return (await testTokens.issue({ username, role }, 3600)).token;
}
