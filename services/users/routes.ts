// HTTP for the users service: validate, call the rules, answer. Nothing here decides.
import Router from '@koa/router';
import type { Context } from 'koa';
import { principal } from '../shared/auth.js';
import { clientAddress, type TrustedProxies } from '../shared/http/client-address.js';
import { check, parseBody, parseQuery } from '../shared/http/validate.js';
import type { LoginService } from './login.js';
import { AccountLocked } from './problems.js';
import { listQuery, loginSchema, patchSchema, registerSchema, usernameParam } from './schemas.js';
import type { UsersService } from './service.js';

/** `trusted`: the proxies (the gateway) whose X-Forwarded-For names the client. */
export function usersRouter(users: UsersService, logins: LoginService, trusted: TrustedProxies): Router {
  const router = new Router();

  router.post('/register', async (ctx) => {
    const user = await users.register(parseBody(ctx, registerSchema));
    ctx.status = 201;
    ctx.set('Location', `/users/${encodeURIComponent(user.username)}`);
    ctx.body = user;
  });

  router.post('/login', async (ctx) => {
    const input = parseBody(ctx, loginSchema);
    ctx.body = await retryAfterOnLock(ctx, logins.login(input, clientAddress(ctx.req, trusted)));
  });

  router.get('/me', (ctx) => {
    ctx.body = users.me(principal(ctx, 'member', 'librarian'));
  });

  router.get('/users', (ctx) => {
    principal(ctx, 'librarian', 'service');
    ctx.body = users.list(parseQuery(ctx, listQuery));
  });

  router.get('/users/:username', (ctx) => {
    const caller = principal(ctx);
    ctx.body = users.get(caller, check(usernameParam, ctx.params.username, 'invalid username'));
  });

  router.patch('/users/:username', async (ctx) => {
    const caller = principal(ctx, 'member', 'librarian');
    const username = check(usernameParam, ctx.params.username, 'invalid username');
    ctx.body = await retryAfterOnLock(ctx, users.update(caller, username, parseBody(ctx, patchSchema), clientAddress(ctx.req, trusted)));
  });

  router.post('/users/:username/unlock', async (ctx) => {
    principal(ctx, 'librarian');
    ctx.body = await logins.unlock(check(usernameParam, ctx.params.username, 'invalid username'));
  });

  router.get('/internal/accounts/:username', (ctx) => {
    principal(ctx, 'service');
    ctx.body = users.account(check(usernameParam, ctx.params.username, 'invalid username'));
  });

  return router;
}

/** A lock's 423 (a login, or the proof of one's own password) says when to try again. */
async function retryAfterOnLock<T>(ctx: Context, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AccountLocked) ctx.set('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
}
