// The one entry point: the web front desk at /, /api/* to the services, an aggregated
// /health, its own /openapi.json and /metrics, a request id on everything, a limit on login
// attempts per client, and only for the Host names it is configured for.
import Koa from 'koa';
import type { ServiceName } from '../shared/config.js';
import { problemMiddleware } from '../shared/http/problem-middleware.js';
import { requestLog, type LogFn } from '../shared/http/request-log.js';
import { metricsFor } from '../shared/metrics.js';
import { NotFound, Problem } from '../shared/problem.js';
import type { CatalogCache } from './catalog-cache.js';
import { HEALTH_DEFAULTS, HealthMonitor, type HealthMonitorOptions } from './health.js';
import { hostCheck } from './host-check.js';
import { gatewayOpenApi } from './openapi.js';
import { proxy, type Upstream } from './proxy.js';
import { loginRateLimit } from './rate-limit.js';
import { hasPathTricks, routeFor, routeTemplate } from './route-table.js';
import { webFrontDesk, type WebAssets } from './web-assets.js';

export interface GatewayDeps {
  urls: Readonly<Record<ServiceName, string>>;
  selfUrl: string;
  log: LogFn;
  logRequests: boolean;
  upstreamTimeoutMs: number;
  loginLimit: { max: number; windowMs: number };
  /** ALLOWED_HOSTS; unset, 127.0.0.1 and localhost on the port a request came in on. */
  allowedHosts?: ReadonlySet<string>;
  /** How /health checks the services in the background (default HEALTH_DEFAULTS). */
  health?: HealthMonitorOptions;
  /** Catalog reads kept while its change feed is live (catalog-cache.ts); none when absent. */
  catalogCache?: CatalogCache;
  /** The built web front desk, served at /; null or absent: / says it is not built. */
  web?: WebAssets | null;
}

export function createApp(deps: GatewayDeps): Koa {
  const app = new Koa();
  app.silent = true;
  const upstreams = new Map<ServiceName, Upstream>(
    Object.entries(deps.urls).map(([name, url]) => [name as ServiceName, { name, url: new URL(url) }]),
  );
  const limitLogins = loginRateLimit(deps.loginLimit);
  const openapi = gatewayOpenApi(deps.urls);
  const health = new HealthMonitor(deps.urls, deps.selfUrl, deps.health ?? HEALTH_DEFAULTS);

  const metrics = metricsFor('gateway');
  app.use(metrics.middleware((ctx) => routeTemplate(ctx.path)));
  app.use(requestLog(deps.log, deps.logRequests));
  app.use(problemMiddleware(deps.log));
  app.use(hostCheck(deps.allowedHosts));
  app.use(webFrontDesk(deps.web ?? null));
  app.use(async (ctx, next) => {
    if (ctx.path === '/health' && ctx.method === 'GET') {
      const answer = await health.current();
      ctx.status = answer.status === 'ok' ? 200 : 503;
      ctx.body = answer;
      return;
    }
    if (ctx.path === '/metrics' && ctx.method === 'GET') return metrics.serve(ctx);
    if (ctx.path === '/openapi.json' && ctx.method === 'GET') {
      ctx.body = openapi;
      return;
    }
    return next();
  });
  app.use(async (ctx, next) => {
    if (ctx.path === '/api/login' && ctx.method === 'POST') return limitLogins(ctx, next);
    return next();
  });
  app.use(async (ctx) => {
    const rawPath = ctx.url.split('?')[0];
    if (hasPathTricks(rawPath)) throw new Problem(400, 'bad-path', 'Bad path', 'dot segments and encoded separators are not allowed');
    const service = routeFor(rawPath);
    if (!service) throw new NotFound(`no route for ${ctx.method} ${ctx.path}`);
    const path = ctx.url.slice('/api'.length);
    const cached = service === 'catalog' && deps.catalogCache ? deps.catalogCache.serve(ctx, path) : null;
    if (cached?.hit) return;
    await proxy(ctx, upstreams.get(service)!, path, deps.upstreamTimeoutMs, cached?.capture);
  });
  return app;
}
