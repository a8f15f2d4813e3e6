import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { CatalogCache } from './catalog-cache.js';
import { gatewayConfig } from './config.js';
import { loadWebAssets } from './web-assets.js';

await runService('gateway', gatewayConfig, async (kit) => {
  const { config, settings, log } = kit; // not `tokens`: reading it reads the secret
  const { cacheBytes, upstreamTimeoutMs, throttle, trustedProxies, allowedHosts, webDir } = settings;
  // Only the cache calls a service itself, so only then is the token secret read.
  const catalogCache = cacheBytes > 0 ? new CatalogCache({ catalogUrl: config.urls.catalog, token: kit.tokens.serviceToken('gateway'), maxBytes: cacheBytes }) : undefined;
  catalogCache?.start();
  const web = loadWebAssets(webDir);
  if (!web) log({ level: 'warn', msg: `no web front desk in ${webDir}: run npm run build` });
  const app = createApp({
    urls: config.urls,
    selfUrl: `http://${config.host}:${config.port}`,
    log,
    logRequests: config.logRequests,
    upstreamTimeoutMs,
    throttle,
    trustedProxies,
    allowedHosts,
    catalogCache,
    web,
  });
  return { app, close: async () => catalogCache?.stop() };
});
