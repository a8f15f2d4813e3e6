// HTTP for the users service: validate, call the rules, answer. Nothing here decides.
import Router from '@koa/router';
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
    try {
      ctx.body = await logins.login(input, clientAddress(ctx.req, trusted));
    } catch (error) {
      if (error instanceof AccountLocked) ctx.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
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
    ctx.body = await users.update(caller, username, parseBody(ctx, patchSchema));
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
