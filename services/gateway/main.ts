import { readInt } from '../shared/config.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { parseAllowedHosts } from './host-check.js';

await runService('gateway', async ({ config, log }) => {
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
  });
  return { app, close: async () => {} };
});
