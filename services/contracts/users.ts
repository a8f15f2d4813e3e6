// The users contract as other services see it: the facts a token (or a librarian's
// "for member X") is checked against. Everyone else reaches users through
// contracts/users-client.ts, never its files.

export type AccountRole = 'member' | 'librarian';

/** GET /internal/accounts/:username (services): what a token or a "for member X" is checked against. */
export interface AccountFacts {
  username: string;
  role: AccountRole;
  active: boolean;
  tokenVersion: number;
}
