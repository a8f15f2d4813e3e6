// How other services ask users about an account: one named function per call, each
// failing with context ("users: reading account bob failed: …").
import type { AccountState, Tokens } from '../shared/auth.js';
import type { Config } from '../shared/config.js';
import { pathSegment, ServiceClient } from '../shared/http/service-client.js';
import { NotFound, ServiceUnavailable, type ProblemBody } from '../shared/problem.js';
import { USER_NOT_FOUND, USERNAME, type AccountFacts } from './users.js';

/** Resolves when `username` names an existing, active member; throws a 404 problem otherwise. */
export type MemberCheck = (username: string, requestId?: string) => Promise<void>;

export const memberNotFound = (username: string) => new NotFound(`no active member ${username}`, 'member-not-found');

export class UsersClient {
  constructor(private readonly http: ServiceClient) {}

  static fromConfig(config: Config, tokens: Tokens): UsersClient {
    return new UsersClient(new ServiceClient('users', config.urls.users, config.callTimeoutMs, tokens.serviceToken(config.service)));
  }

  /**
   * The account's role, `active` flag and token version, or null when users says there is no
   * such account. Any other 404 (no such route: whatever answers at USERS_URL is not this
   * users) fails as users unavailable: read as "no account", it would revoke every token.
   * A name users would refuse to look up (its 422) has no account either: a token naming
   * one is revoked (401), not passed users' complaint about its path.
   */
  async account(username: string, requestId?: string): Promise<AccountFacts | null> {
    if (!USERNAME.test(username)) return null;
    const path = `/internal/accounts/${pathSegment(username)}`;
    const what = `reading account ${username}`;
    const reply = await this.http.call<AccountFacts | ProblemBody>('GET', path, what, { requestId, allow: [404] });
    if (reply.status !== 404) return reply.body as AccountFacts;
    const type = (reply.body as ProblemBody | null)?.type;
    if (type === `/problems/${USER_NOT_FOUND}`) return null;
    throw new ServiceUnavailable('users', `users: ${what} failed: a 404 that is not ${USER_NOT_FOUND} (${typeof type === 'string' ? type : 'no problem type'})`);
  }

  /**
   * The check a librarian's "for member X" passes: X is an existing, active member, or the
   * request is refused with 404 /problems/member-not-found before anything is taken or written.
   */
  memberCheck(): MemberCheck {
    return async (username, requestId) => {
      const account = await this.account(username, requestId);
      if (!account || !account.active || account.role !== 'member') throw memberNotFound(username);
    };
  }

  /** The lookup a token is checked with (see shared/auth.ts). */
  lookup(): (username: string) => Promise<AccountState | null> {
    return (username) => this.account(username);
  }
}
