import type { Middleware } from 'koa';
import { Problem } from '../problem.js';

/** Registered first: every error leaves as problem+json, and a 5xx never shows its cause. */
export function problemMiddleware(log: (entry: Record<string, unknown>) => void): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new Problem(404, 'not-found', 'Not found', `no route for ${ctx.method} ${ctx.path}`);
      }
      if (ctx.status === 405 && ctx.body === undefined) {
        throw new Problem(405, 'method-not-allowed', 'Method not allowed', `${ctx.method} is not allowed on ${ctx.path}`);
      }
      // The router's answer to a method no route has (TRACE, PROPFIND, …): a problem like any other.
      if (ctx.status === 501 && ctx.body === undefined) {
        throw new Problem(501, 'method-not-implemented', 'Method not implemented', `${ctx.method} is not a method this service answers`);
      }
    } catch (error) {
      const problem = answerFor(error, log, ctx.state.requestId);
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = problem.toJSON();
      if (problem.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
    }
  };
}

/**
 * The problem a failure answers with. One that is not a Problem and becomes a 5xx is a bug
 * or a broken dependency: logged here with its stack, once, and never shown to the caller.
 */
export function answerFor(error: unknown, log: (entry: Record<string, unknown>) => void, requestId?: string): Problem {
  const problem = toProblem(error);
  if (problem.status >= 500 && !(error instanceof Problem)) log({ level: 'error', requestId, msg: (error as Error)?.stack ?? String(error) });
  return problem;
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const e = error as { status?: number; expose?: boolean; message?: string };
  // Errors thrown by Koa itself (ctx.throw, http-errors) carry a status and say whether to expose.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new Problem(e.status, 'bad-request', 'Bad request', e.expose ? e.message : undefined);
  }
  return new Problem(500, 'internal-error', 'Internal error', 'the service failed to answer; see its log');
}
