// The frame every service's app shares: request id and access log, problem+json errors,
// strict JSON bodies, bearer tokens, GET /health ("degraded" while a store refuses
// writes), GET /metrics and, when given, GET /openapi.json.
import Router from '@koa/router';
import Koa from 'koa';
import { authenticate, Tokens, type AccountLookup } from './auth.js';
import { jsonBody } from './http/json-body.js';
import { problemMiddleware } from './http/problem-middleware.js';
import { requestLog, type LogFn } from './http/request-log.js';
import { metricsFor } from './metrics.js';
import { brokenStores } from './store/registry.js';
import { VERSION } from './version.js';

export interface ServiceAppOptions {
  service: string;
  tokens: Tokens;
  log: LogFn;
  logRequests: boolean;
  routers: Router[];
  /** Run after authentication, before the routers (e.g. a change feed's stream and stamp). */
  middleware?: Koa.Middleware[];
  /** Extra health facts, e.g. record counts. */
  health?: () => Record<string, unknown>;
  /** Where user tokens are checked against their account; tokens.accounts when not given. */
  accounts?: AccountLookup;
  /** The service's OpenAPI document, served as it is at GET /openapi.json. */
  openapi?: object;
}

export function createServiceApp(options: ServiceAppOptions): Koa {
  const app = new Koa();
  app.proxy = false;
  app.silent = true; // errors are logged by problemMiddleware, once, with the request id
  const metrics = metricsFor(options.service);
  const health = new Router();
  health.get('/health', (ctx) => {
    // Degraded, not down: reads still work while a store refuses writes (disk full, I/O
    // errors); it re-arms itself once it can write again (store/README.md).
    const broken = brokenStores();
    const storage = broken.length > 0 ? { status: 'degraded', storage: broken.map((b) => b.cause) } : { status: 'ok' };
    ctx.body = { ...storage, service: options.service, version: VERSION, ...(options.health?.() ?? {}) };
  });
  // Beside /health, before authenticate: scrapers carry no token (the gateway never routes it).
  health.get('/metrics', metrics.serve);
  // Beside /health, before authenticate: the document is public, even to a stale token.
  if (options.openapi) {
    const document = options.openapi;
    health.get('/openapi.json', (ctx) => {
      ctx.body = document;
    });
  }
  app.use(metrics.middleware());
  app.use(requestLog(options.log, options.logRequests));
  app.use(problemMiddleware(options.log));
  app.use(jsonBody());
  app.use(health.routes());
  app.use(authenticate(options.tokens, options.accounts ?? options.tokens.accounts));
  for (const middleware of options.middleware ?? []) app.use(middleware);
  for (const router of options.routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
