// Bearer tokens: HS256 JWTs signed with the one secret every service shares. Users get
// one at login; services sign short-lived ones with role "service" for their calls.
import { jwtVerify, SignJWT } from 'jose';
import type { Middleware, Context } from 'koa';
import { Forbidden, Problem, Unauthorized } from './problem.js';

export type Role = 'member' | 'librarian' | 'service';
export const ROLES: readonly Role[] = ['member', 'librarian', 'service'];

export interface Principal {
  username: string;
  role: Role;
  /**
   * The account's token version when the token was issued (claim `ver`). The users service
   * raises it on a change of role, a deactivation or a new password, which makes every
   * earlier token useless (see AccountCheck). Absent on service tokens.
   */
  tokenVersion?: number;
}

/** What a token is checked against: the account as the users service stores it now. */
export interface AccountState {
  role: 'member' | 'librarian';
  active: boolean;
  tokenVersion: number;
}

/**
 * The stored state of an account, or null when there is none. `tokenVersion` is the version
 * the caller's token claims: a kept answer older than that is stale (see account-cache.ts).
 */
export type AccountLookup = (username: string, tokenVersion?: number) => Promise<AccountState | null>;

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

const ISSUER = 'library';

export class Tokens {
  private readonly key: Uint8Array;
  /** Verified tokens, so a hot path does not pay for an HMAC per request. */
  private readonly verified = new Map<string, { principal: Principal; exp: number }>();

  /**
   * Where user tokens are checked against their account; run-service sets it for every
   * service but users (which reads its own store) to a cached call to users.
   */
  accounts?: AccountLookup;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal, ttlSeconds: number): Promise<IssuedToken> {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const claims = principal.tokenVersion === undefined ? { role: principal.role } : { role: principal.role, ver: principal.tokenVersion };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(principal.username)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string): Promise<Principal> {
    const now = Date.now() / 1000;
    const hit = this.verified.get(token);
    if (hit && hit.exp > now) return hit.principal;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      const role = payload.role as Role;
      if (typeof payload.sub !== 'string' || !ROLES.includes(role) || typeof payload.exp !== 'number') {
        throw new Error('token lacks a subject, role or expiry');
      }
      // A user token from before token versions existed counts as version 0.
      const ver = role === 'service' ? undefined : typeof payload.ver === 'number' ? payload.ver : 0;
      const principal: Principal = Object.freeze(ver === undefined ? { username: payload.sub, role } : { username: payload.sub, role, tokenVersion: ver });
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, { principal, exp: payload.exp });
      return principal;
    } catch {
      throw new Unauthorized('the bearer token is invalid or has expired; log in again');
    }
  }

  /** A token provider for this service's outbound calls, renewed before it expires. */
  serviceToken(service: string, ttlSeconds = 300): () => Promise<string> {
    let current: { token: string; renewAt: number } | null = null;
    return async () => {
      if (!current || Date.now() > current.renewAt) {
        const { token } = await this.issue({ username: `service:${service}`, role: 'service' }, ttlSeconds);
        current = { token, renewAt: Date.now() + (ttlSeconds * 1000) / 2 };
      }
      return current.token;
    };
  }
}

/**
 * Reads the bearer token if there is one; routes then ask for the roles they need. With
 * `accounts`, a user's token must also match the account as stored now (see tokenFollowsAccount).
 */
export function authenticate(tokens: Tokens, accounts?: AccountLookup): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new Unauthorized('the Authorization header must be "Bearer <token>"');
      const claimed = await tokens.verify(match[1]);
      ctx.state.user =
        accounts && claimed.role !== 'service' ? tokenFollowsAccount(claimed, await accounts(claimed.username, claimed.tokenVersion ?? 0)) : claimed;
    }
    return next();
  };
}

export const tokenRevoked = () =>
  new Problem(401, 'token-revoked', 'Token no longer valid', 'the account changed (role, password or deactivation) since this token was issued; log in again');

/**
 * The caller as the account stands now: a token issued before the account's last change of
 * role, password or `active` (an older token version), or for an account that is gone or
 * disabled, is refused. The role is the stored one, never the token's alone.
 */
export function tokenFollowsAccount(claimed: Principal, account: AccountState | null): Principal {
  if (!account || !account.active || account.tokenVersion !== (claimed.tokenVersion ?? 0) || account.role !== claimed.role) {
    throw tokenRevoked();
  }
  return Object.freeze({ username: claimed.username, role: account.role, tokenVersion: account.tokenVersion });
}

/** The caller, who must be logged in with one of `roles`. */
export function principal(ctx: Context, ...roles: Role[]): Principal {
  const user = ctx.state.user as Principal | undefined;
  if (!user) throw new Unauthorized();
  if (roles.length > 0 && !roles.includes(user.role)) {
    throw new Forbidden(`this needs the role ${roles.join(' or ')}; you are ${user.role}`);
  }
  return user;
}

export function requireRole(...roles: Role[]): Middleware {
  return async (ctx, next) => {
    principal(ctx, ...roles);
    return next();
  };
}

/** Members act for themselves; librarians and services may name anyone. */
export function isStaff(user: Principal): boolean {
  return user.role === 'librarian' || user.role === 'service';
}
