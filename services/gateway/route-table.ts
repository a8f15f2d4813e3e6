// Which service answers which public path: /api/<first segment>/… goes to the service
// named here, with /api removed. Anything else under /api is 404; the services'
// /internal/* routes are never reachable through the gateway.
import type { ServiceName } from '../shared/config.js';

export const ROUTE_TABLE: Readonly<Record<string, ServiceName>> = Object.freeze({
  books: 'catalog',
  topics: 'catalog',
  search: 'catalog',
  info: 'catalog',
  register: 'users',
  login: 'users',
  me: 'users',
  users: 'users',
  inventory: 'inventory',
  loans: 'loans',
  holds: 'loans',
  fines: 'loans',
  orders: 'orders',
  purchase: 'orders',
  schedule: 'availability',
  reservations: 'availability',
});

/** The service for an /api path, or null. `path` is the raw path, e.g. "/api/books/bk-1". */
export function routeFor(path: string): ServiceName | null {
  const match = /^\/api\/([a-z]+)(?:\/|$)/.exec(path);
  if (!match || !Object.hasOwn(ROUTE_TABLE, match[1])) return null;
  return ROUTE_TABLE[match[1]];
}

/**
 * A service's `Location` as the gateway's client must follow it: a service names its own
 * paths (`/books/bk-7`), which the gateway serves under /api (`/api/books/bk-7`). Anything
 * else (an absolute URL, a path no route serves) is passed on as it came.
 */
export function publicLocation(location: string): string {
  return location.startsWith('/') && routeFor(`/api${location}`) !== null ? `/api${location}` : location;
}

/** Dot segments, raw or percent-encoded, have no business in a route: refuse them. */
export function hasPathTricks(rawPath: string): boolean {
  if (!/[.%\\]/.test(rawPath)) return false; // no dot, escape or backslash: the usual path, without the decoding
  const decoded = rawPath.replace(/%2e/gi, '.').replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
  return /(^|[/\\])\.\.?([/\\]|$)/.test(decoded) || decoded.includes('\\') || rawPath.includes('%00');
}

const OWN_PATHS = new Set(['/health', '/metrics', '/openapi.json']);

/**
 * The metrics label of a gateway path: "/api/loans" or "/api/loans/*" (the service's own
 * /metrics has the full template), the gateway's own paths and the web page as they are, its assets "/assets/*", anything else
 * "other" — never the raw path, so ids and probes cannot multiply the series.
 */
export function routeTemplate(path: string): string {
  if (OWN_PATHS.has(path) || path === '/') return path;
  if (path.startsWith('/assets/')) return '/assets/*';
  const match = /^\/api\/([a-z]+)(\/?)(.*)$/.exec(path);
  if (!match || !Object.hasOwn(ROUTE_TABLE, match[1])) return 'other';
  return match[3] || match[2] ? `/api/${match[1]}/*` : `/api/${match[1]}`;
}
