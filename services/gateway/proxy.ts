// Forwards a request to a service and passes its answer back. Keep-alive connections are
// reused (shared/http/connection-pool.ts, as the services' own calls: node:http's request()
// and Agent cost twice its CPU a request); the answer is read whole and sent with its
// length. A service that cannot be reached, answers too slowly or breaks off its answer
// becomes a 503 problem that names it.
//
// A request body is read whole first (at most 64 KiB, the services' own limit) and sent
// with a Content-Length. Passing a chunked body through as a stream let a DELETE body be
// read by the service as a second request (Node does not chunk DELETE bodies), and let an
// oversized body break the upstream connection mid-write.
import http from 'node:http';
import type { Context } from 'koa';
import { MAX_BODY_BYTES, readBody, tooLarge } from '../shared/http/json-body.js';
import { ConnectionPool, type Answer } from '../shared/http/connection-pool.js';
import { ServiceUnavailable } from '../shared/problem.js';
import type { Capture } from './catalog-cache.js';
import { publicLocation } from './route-table.js';

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection and are not forwarded.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
// A request's Host and Content-Length are the gateway's own (the body is sent as read, so
// there is nothing left to ask a 100 Continue for).
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'content-length', 'expect']);
// An answer goes out with the Content-Length of its body as read: sent chunked, its end was
// one more write (and one more wake-up of the client) each.
const NOT_PASSED_BACK = new Set([...HOP_BY_HOP, 'x-request-id', 'content-length']);

export interface Upstream {
  name: string;
  url: URL;
}

/** For the health checks (health.ts); requests go through connectionsTo(). */
export const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

const pools = new Map<string, ConnectionPool>();

/** Keep-alive connections to `upstream`, shared by every request to it. */
function connectionsTo(upstream: Upstream): ConnectionPool {
  let pool = pools.get(upstream.url.href);
  if (!pool) pools.set(upstream.url.href, (pool = new ConnectionPool(upstream.url, 256)));
  return pool;
}

/** The request's body, or null when it has none; a 413 problem when it is too large. */
async function requestBody(ctx: Context): Promise<Buffer | null> {
  const declared = ctx.req.headers['content-length'];
  if (declared === undefined && ctx.req.headers['transfer-encoding'] === undefined) return null;
  if (Number(declared) > MAX_BODY_BYTES) {
    ctx.set('Connection', 'close'); // do not read a body we refuse
    throw tooLarge();
  }
  return readBody(ctx.req);
}

function forwardHeaders(ctx: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (!NOT_FORWARDED.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['x-request-id'] = ctx.state.requestId;
  // The client as the gateway decided it (clientAddress), never a hop the client wrote
  // itself: users counts login failures per this address and trusts it from the gateway.
  headers['x-forwarded-for'] = ctx.state.clientAddress ?? ctx.req.socket.remoteAddress ?? '';
  return headers;
}

/** `capture`, when given, also receives the whole answer once it has been passed on (for catalog-cache.ts). */
export async function proxy(ctx: Context, upstream: Upstream, path: string, timeoutMs: number, capture?: Capture | null): Promise<void> {
  // The throttle may have read the body already (a login's username).
  const body = (ctx.state.body as Buffer | undefined) ?? (await requestBody(ctx));
  let answer: Answer;
  try {
    answer = await connectionsTo(upstream).request(ctx.method, path, forwardHeaders(ctx), body ?? undefined, timeoutMs);
  } catch (error) {
    // Nothing was sent to the client yet: an answer broken off mid-way is a 503 too, never half an answer.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ServiceUnavailable(upstream.name, `${upstream.name}: forwarding ${ctx.method} ${ctx.path} failed: ${code}`);
  }
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!NOT_PASSED_BACK.has(name) && value !== undefined) headers[name] = value;
  }
  if (typeof headers.location === 'string') headers.location = publicLocation(headers.location);
  // Read whole, so sent with its length (an answer to HEAD keeps the one the service declared).
  headers['content-length'] = ctx.method === 'HEAD' ? answer.headers['content-length'] : answer.body.length;
  // Written straight to the socket: Koa's own body handling costs more per request than
  // the proxying itself. ctx.status is still set for the access log.
  ctx.status = answer.status;
  ctx.respond = false;
  ctx.res.writeHead(answer.status, headers);
  ctx.res.end(answer.body);
  capture?.(answer.status, answer.headers, answer.body);
}
