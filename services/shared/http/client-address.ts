// Who is asking: the address of the socket, or — only when that peer is a proxy we were
// told to trust — the nearest X-Forwarded-For hop that is not a trusted proxy itself.
// Anyone else's X-Forwarded-For is ignored, so a client cannot pick the address its limits
// are counted against. Not the first hop (as DESIGN.md has it): a proxy that appends to the
// header (nginx's $proxy_add_x_forwarded_for, most load balancers) passes on whatever the
// client wrote there, so behind one the first hop is the client's choice; the hops a trusted
// proxy appended are the only ones known true. Behind a proxy that sets the header to one
// address, the two rules agree.
import type { IncomingMessage } from 'node:http';
import { ConfigError } from '../config.js';

/** Exact addresses and IPv4 CIDR blocks (`10.0.0.0/8`). */
export interface TrustedProxies {
  has(address: string): boolean;
}

export const LOOPBACK = '127.0.0.1,::1';

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

export function clientAddress(req: IncomingMessage, trusted: TrustedProxies): string {
  const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => hop.trim()).filter(Boolean).map(plainAddress);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i])) return hops[i];
  // Every hop a trusted proxy (a client on the proxy's own machine): the farthest one.
  return hops[0] ?? peer;
}

/** Reads a comma-separated list such as TRUSTED_PROXIES; `name` is for the error message. */
export function parseTrustedProxies(raw: string | undefined, name: string): TrustedProxies {
  const exact = new Set<string>();
  const blocks: { base: number; mask: number }[] = [];
  for (const item of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(item);
    if (cidr) {
      const bits = Number(cidr[2]);
      const base = ipv4(cidr[1]);
      if (base === null || bits > 32) throw new ConfigError(`${name}: "${item}" is not an IPv4 CIDR block`);
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      blocks.push({ base: (base & mask) >>> 0, mask });
    } else if (ipv4(item) !== null || item.includes(':')) exact.add(plainAddress(item));
    else throw new ConfigError(`${name}: "${item}" is not an IP address or IPv4 CIDR block`);
  }
  return {
    has(address) {
      if (exact.has(address)) return true;
      if (blocks.length === 0) return false; // asked on every gateway request: no parse for nothing
      const value = ipv4(address);
      return value !== null && blocks.some(({ base, mask }) => ((value & mask) >>> 0) === base);
    },
  };
}

function ipv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((n, p) => ((n << 8) | Number(p)) >>> 0, 0);
}
