// The one entry point: the web front desk at /, /api/* to the services, an aggregated
// /health, its own /openapi.json and /metrics, a request id on everything, login and
// registration throttles (throttle.ts), and only for the Host names it is configured for.
import Koa from 'koa';
import type { ServiceName } from '../shared/config.js';
import type { Clock } from '../shared/clock.js';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../shared/http/client-address.js';
import { problemMiddleware } from '../shared/http/problem-middleware.js';
import { requestLog, type LogFn } from '../shared/http/request-log.js';
import { metricsFor } from '../shared/metrics.js';
import { NotFound, Problem } from '../shared/problem.js';
import type { CatalogCache } from './catalog-cache.js';
import { HEALTH_DEFAULTS, HealthMonitor, type HealthMonitorOptions } from './health.js';
import { hostCheck } from './host-check.js';
import { gatewayOpenApi } from './openapi.js';
import { proxy, type Upstream } from './proxy.js';
import { DEFAULT_THROTTLE, throttle, throttledRoute, type ThrottleLimits } from './throttle.js';
import { hasPathTricks, routeFor, routeTemplate } from './route-table.js';
import { webFrontDesk, type WebAssets } from './web-assets.js';

export interface GatewayDeps {
  urls: Readonly<Record<ServiceName, string>>;
  selfUrl: string;
  log: LogFn;
  logRequests: boolean;
  upstreamTimeoutMs: number;
  /** Login and registration limits; DEFAULT_THROTTLE when not given. */
  throttle?: ThrottleLimits;
  /** TRUSTED_PROXIES: peers whose X-Forwarded-For is believed (the nearest hop not among them is the client); none by default. */
  trustedProxies?: TrustedProxies;
  now?: Clock;
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
  const limit = throttle(deps.throttle ?? DEFAULT_THROTTLE, deps.now);
  const trusted = deps.trustedProxies ?? parseTrustedProxies('', 'TRUSTED_PROXIES');
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
    ctx.state.clientAddress = clientAddress(ctx.req, trusted);
    const route = throttledRoute(ctx.method, ctx.path);
    return route ? limit(route, ctx, ctx.state.clientAddress, next) : next();
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
