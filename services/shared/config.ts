// Configuration comes from the environment only, is checked once at start-up and is
// frozen: a bad value stops the process with a message naming the variable. What every
// process reads is here (loadConfig); each service reads its own knobs in its own
// config.ts (a ServiceSchema), so no main.ts reads the environment ad hoc.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SERVICE_NAMES = ['catalog', 'users', 'loans', 'inventory', 'orders', 'availability'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type ProcessName = ServiceName | 'gateway';

export const DEFAULT_PORTS: Record<ProcessName, number> = {
  gateway: 5000,
  catalog: 5001,
  users: 5002,
  loans: 5003,
  inventory: 5004,
  orders: 5005,
  availability: 5006,
};

export interface Config {
  readonly service: ProcessName;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** This service's own folder, DATA_DIR/<service>. */
  readonly serviceDir: string;
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** Timeout of every outbound call, in milliseconds. */
  readonly callTimeoutMs: number;
  /** Access log on stdout; off with LOG_REQUESTS=0 (benchmarks measure with it on). */
  readonly logRequests: boolean;
  /** STOP_GRACE_MS: how long a stopping process lets the requests in flight finish. */
  readonly stopGraceMs: number;
  /**
   * TOKEN_CHECK_SECONDS: how long a service other than users trusts what users said of a
   * token's account (its role, active flag and token version); the bound within which a
   * change of role, a deactivation or a new password stops every earlier token. At most 60.
   */
  readonly tokenCheckSeconds: number;
}

export class ConfigError extends Error {}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * A service's own knobs, read from the environment beside the common Config and checked
 * at start-up like it: a bad value is a ConfigError naming the variable.
 */
export type ServiceSchema<S> = (env: Env, config: Config) => S;

export function envName(service: ProcessName, suffix: string): string {
  return `${service.toUpperCase()}_${suffix}`;
}

export function readInt(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * A service's address: http://host:port and nothing more. The gateway's proxy and health
 * check speak plain HTTP to a service's root, so an https URL or one with a path would
 * start and then answer 500 or reach the wrong route; it is refused here instead.
 */
export function readUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http URL, got "${raw}"`);
  }
  if (url.protocol === 'https:') {
    throw new ConfigError(`${name} must be a plain http URL: services speak HTTP to each other (put TLS in front of the gateway), got "${raw}"`);
  }
  if (url.protocol !== 'http:') throw new ConfigError(`${name} must be an http URL, got "${raw}"`);
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${name} must be http://host:port with no path, query or user: services are reached at their root, got "${raw}"`);
  }
  return url.origin;
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function secretFile(dataDir: string): string {
  return path.join(dataDir, 'secret');
}

/**
 * LIBRARY_SECRET, or the file LIBRARY_SECRET_FILE names (a compose or Kubernetes secret),
 * or the file setup.sh creates (DATA_DIR/secret, mode 0600).
 */
export function readSecret(env: Env, dataDir: string): string {
  if (env.LIBRARY_SECRET) {
    if (env.LIBRARY_SECRET.length < 32) throw new ConfigError('LIBRARY_SECRET must be at least 32 characters');
    return env.LIBRARY_SECRET;
  }
  const file = env.LIBRARY_SECRET_FILE || secretFile(dataDir);
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    throw new ConfigError(`no token secret: set LIBRARY_SECRET or LIBRARY_SECRET_FILE, or run ./setup.sh to create ${file}`);
  }
  if (secret.length < 32) throw new ConfigError(`${file} must hold at least 32 characters`);
  return secret;
}

export function serviceUrls(env: Env): Record<ServiceName, string> {
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) {
    const port = readInt(env, envName(name, 'PORT'), DEFAULT_PORTS[name], 1, 65535);
    urls[name] = readUrl(env, envName(name, 'URL'), `http://127.0.0.1:${port}`);
  }
  return urls;
}

export function loadConfig(service: ProcessName, env: Env = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  return Object.freeze({
    service,
    host: env.HOST || '127.0.0.1',
    port: readInt(env, envName(service, 'PORT'), DEFAULT_PORTS[service], 0, 65535),
    dataDir,
    serviceDir: path.join(dataDir, service),
    urls: Object.freeze(serviceUrls(env)),
    callTimeoutMs: readInt(env, 'CALL_TIMEOUT_MS', 5000, 50, 120_000),
    logRequests: readBool(env, 'LOG_REQUESTS', true),
    stopGraceMs: readInt(env, 'STOP_GRACE_MS', 8000, 0, 600_000),
    tokenCheckSeconds: readInt(env, 'TOKEN_CHECK_SECONDS', 30, 0, 60),
  });
}
