// Configuration comes from the environment only, is checked once at start-up and is
// frozen: a bad value stops the process with a message naming the variable.
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
  readonly secret: string;
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** Timeout of every outbound call, in milliseconds. */
  readonly callTimeoutMs: number;
  /** Access log on stdout; off with LOG_REQUESTS=0 (benchmarks measure with it on). */
  readonly logRequests: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

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

export function readUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
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
    secret: readSecret(env, dataDir),
    urls: Object.freeze(serviceUrls(env)),
    callTimeoutMs: readInt(env, 'CALL_TIMEOUT_MS', 5000, 50, 120_000),
    logRequests: readBool(env, 'LOG_REQUESTS', true),
    env: Object.freeze({ ...env }),
  });
}
