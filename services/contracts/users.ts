// The users contract as other services see it: the facts a token (or a librarian's
// "for member X") is checked against. Everyone else reaches users through
// contracts/users-client.ts, never its files.

export type AccountRole = 'member' | 'librarian';

/** Every username users accepts; a name outside it can have no account. */
export const USERNAME = /^[a-z0-9_.-]{3,32}$/;

/**
 * The problem type of users' 404 for an account it does not hold. Only this 404 means "no
 * such account": any other (no such route: an older users, or another service at USERS_URL)
 * says nothing about the account.
 */
export const USER_NOT_FOUND = 'user-not-found';

/** GET /internal/accounts/:username (services): what a token or a "for member X" is checked against. */
export interface AccountFacts {
  username: string;
  role: AccountRole;
  active: boolean;
  tokenVersion: number;
}
