// The gateway's own knobs (the common ones are in shared/config.ts), read and checked at
// start-up; the README's Configuration table lists them (the gateway has no section of its own).
import { readInt, type ServiceSchema } from '../shared/config.js';
import { parseTrustedProxies, type TrustedProxies } from '../shared/http/client-address.js';
import { parseAllowedHosts } from './host-check.js';
import { DEFAULT_THROTTLE, type ThrottleLimits } from './throttle.js';
import { webDir } from './web-assets.js';

export interface GatewayConfig {
  /** GATEWAY_CACHE_BYTES: the cache of catalog reads; 0 turns it off (and the gateway then needs no token secret). */
  cacheBytes: number;
  /** GATEWAY_UPSTREAM_TIMEOUT_MS */
  upstreamTimeoutMs: number;
  /**
   * LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURES_PER_USERNAME (per address and username) and
   * REGISTRATIONS_PER_ADDRESS, each per THROTTLE_WINDOW_SECONDS (DESIGN "Login and registration throttling").
   */
  throttle: ThrottleLimits;
  /** TRUSTED_PROXIES: addresses or IPv4 CIDR blocks whose X-Forwarded-For names the client; none by default. */
  trustedProxies: TrustedProxies;
  /** ALLOWED_HOSTS; absent: 127.0.0.1 and localhost on the gateway's port. */
  allowedHosts?: ReadonlySet<string>;
  /** WEB_DIR: the built web front desk the gateway serves at /. */
  webDir: string;
}

export const gatewayConfig: ServiceSchema<GatewayConfig> = (env) => ({
  cacheBytes: readInt(env, 'GATEWAY_CACHE_BYTES', 16 * 2 ** 20, 0, 2 ** 31),
  upstreamTimeoutMs: readInt(env, 'GATEWAY_UPSTREAM_TIMEOUT_MS', 10_000, 100, 120_000),
  throttle: {
    failuresPerAddress: readInt(env, 'LOGIN_FAILURES_PER_ADDRESS', DEFAULT_THROTTLE.failuresPerAddress, 1, 1_000_000),
    failuresPerUsername: readInt(env, 'LOGIN_FAILURES_PER_USERNAME', DEFAULT_THROTTLE.failuresPerUsername, 1, 1_000_000),
    registrationsPerAddress: readInt(env, 'REGISTRATIONS_PER_ADDRESS', DEFAULT_THROTTLE.registrationsPerAddress, 1, 1_000_000),
    windowMs: readInt(env, 'THROTTLE_WINDOW_SECONDS', DEFAULT_THROTTLE.windowMs / 1000, 1, 86_400) * 1000,
  },
  trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES, 'TRUSTED_PROXIES'),
  allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS),
  webDir: webDir(env),
});
