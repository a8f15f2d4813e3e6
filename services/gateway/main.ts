import { readInt } from '../shared/config.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { CatalogCache } from './catalog-cache.js';
import { parseAllowedHosts } from './host-check.js';
import { loadWebAssets, webDir } from './web-assets.js';

await runService('gateway', async ({ config, log, tokens }) => {
  const cacheBytes = readInt(config.env, 'GATEWAY_CACHE_BYTES', 16 * 2 ** 20, 0, 2 ** 31);
  const catalogCache = cacheBytes > 0 ? new CatalogCache({ catalogUrl: config.urls.catalog, token: tokens.serviceToken('gateway'), maxBytes: cacheBytes }) : undefined;
  catalogCache?.start();
  const web = loadWebAssets(webDir(config.env));
  if (!web) log({ level: 'warn', msg: `no web front desk in ${webDir(config.env)}: run npm run build` });
  const app = createApp({
    urls: config.urls,
    selfUrl: `http://${config.host}:${config.port}`,
    log,
    logRequests: config.logRequests,
    upstreamTimeoutMs: readInt(config.env, 'GATEWAY_UPSTREAM_TIMEOUT_MS', 10_000, 100, 120_000),
    loginLimit: {
      max: readInt(config.env, 'LOGIN_RATE_LIMIT', 20, 1, 1_000_000),
      windowMs: readInt(config.env, 'LOGIN_RATE_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
    },
    allowedHosts: parseAllowedHosts(config.env.ALLOWED_HOSTS),
    catalogCache,
    web,
  });
  return { app, close: async () => catalogCache?.stop() };
});
