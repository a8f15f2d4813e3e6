// The gateway answers only to the Host names it is configured for, so a page on another
// site cannot reach it through a DNS name rebound to 127.0.0.1 (DNS rebinding): the
// browser would send that site's name as Host. ALLOWED_HOSTS is a comma-separated list of
// host:port; unset, it is 127.0.0.1:<port> and localhost:<port> of the port the request
// came in on (GATEWAY_PORT, even when that was 0 and the system chose it).
//
// GET /health and GET /metrics are answered whatever the Host: probes and scrapers reach
// the gateway by container name or pod IP, and neither route changes or reveals a record.
import type { Middleware } from 'koa';
import { ConfigError } from '../shared/config.js';
import { Problem } from '../shared/problem.js';

const ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):(\d{1,5})$/;
const UNCHECKED = new Set(['/health', '/metrics']);

/** The ALLOWED_HOSTS list, lower-cased; undefined when unset. A malformed entry is a ConfigError. */
export function parseAllowedHosts(raw: string | undefined): ReadonlySet<string> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const entries = raw.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new ConfigError(`ALLOWED_HOSTS must be a comma-separated list of host:port, got "${entry}"`);
    }
  }
  return new Set(entries);
}

/** A Host header as host:port, lower-cased; no port means the default port of http, 80. */
export function hostWithPort(header: string): string {
  const host = header.trim().toLowerCase();
  return /:\d+$/.test(host) && !/^\[[^\]]*$/.test(host) ? host : `${host}:80`;
}

export class HostNotAllowed extends Problem {
  constructor(host: string) {
    const shown = host === '' ? 'no Host header' : `Host "${host.slice(0, 100)}"`;
    super(421, 'host-not-allowed', 'Host not allowed', `the gateway does not answer to ${shown}; its names are listed in ALLOWED_HOSTS`);
  }
}

export function hostCheck(allowed: ReadonlySet<string> | undefined): Middleware {
  const allows = (header: string, port: number | undefined): boolean => {
    const host = header === '' ? '' : hostWithPort(header);
    return allowed ? allowed.has(host) : host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };
  // Clients send one Host over and over: the last answer is kept, not worked out again.
  let last = { header: '', port: -1 as number | undefined, ok: false };
  return (ctx, next) => {
    if (ctx.method === 'GET' && UNCHECKED.has(ctx.path)) return next();
    const header = ctx.req.headers.host ?? '';
    const port = ctx.req.socket.localPort;
    if (header !== last.header || port !== last.port) last = { header, port, ok: allows(header, port) };
    if (!last.ok) throw new HostNotAllowed(header);
    return next();
  };
}
