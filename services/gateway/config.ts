// The gateway's own knobs (the common ones are in shared/config.ts), read and checked at
// start-up; the README's Gateway configuration table lists them.
import { readInt, type ServiceSchema } from '../shared/config.js';
import { parseAllowedHosts } from './host-check.js';
import { webDir } from './web-assets.js';

export interface GatewayConfig {
  /** GATEWAY_CACHE_BYTES: the cache of catalog reads; 0 turns it off (and the gateway then needs no token secret). */
  cacheBytes: number;
  /** GATEWAY_UPSTREAM_TIMEOUT_MS */
  upstreamTimeoutMs: number;
  /** LOGIN_RATE_LIMIT logins per LOGIN_RATE_WINDOW_SECONDS per client address. */
  loginLimit: { max: number; windowMs: number };
  /** ALLOWED_HOSTS; absent: 127.0.0.1 and localhost on the gateway's port. */
  allowedHosts?: ReadonlySet<string>;
  /** WEB_DIR: the built web front desk the gateway serves at /. */
  webDir: string;
}

export const gatewayConfig: ServiceSchema<GatewayConfig> = (env) => ({
  cacheBytes: readInt(env, 'GATEWAY_CACHE_BYTES', 16 * 2 ** 20, 0, 2 ** 31),
  upstreamTimeoutMs: readInt(env, 'GATEWAY_UPSTREAM_TIMEOUT_MS', 10_000, 100, 120_000),
  loginLimit: {
    max: readInt(env, 'LOGIN_RATE_LIMIT', 20, 1, 1_000_000),
    windowMs: readInt(env, 'LOGIN_RATE_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
  },
  allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS),
  webDir: webDir(env),
});
