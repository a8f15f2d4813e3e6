// Forwards a request to a service and streams the answer back. Keep-alive connections
// are reused; a service that cannot be reached, or answers too slowly, becomes a 503
// problem that names it.
//
// A request body is read whole first (at most 64 KiB, the services' own limit) and sent
// with a Content-Length. Passing a chunked body through as a stream let a DELETE body be
// read by the service as a second request (Node does not chunk DELETE bodies), and let an
// oversized body break the upstream connection mid-write.
import http from 'node:http';
import type { Context } from 'koa';
import { MAX_BODY_BYTES, readBody, tooLarge } from '../shared/http/json-body.js';
import { ServiceUnavailable } from '../shared/problem.js';
import type { Capture } from './catalog-cache.js';
import { publicLocation } from './route-table.js';

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection and are not forwarded.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
// A request's Host and Content-Length are the gateway's own (the body is sent as read).
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'content-length']);
// An answer's Content-Length is passed on with its body unchanged: without it the answer
// went out chunked, its end one more write (and one more wake-up of the client) each.
const NOT_PASSED_BACK = new Set([...HOP_BY_HOP, 'x-request-id']);

export interface Upstream {
  name: string;
  url: URL;
}

export const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

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

function forwardHeaders(ctx: Context, body: Buffer | null): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (!NOT_FORWARDED.has(name) && value !== undefined) headers[name] = value;
  }
  headers['x-request-id'] = ctx.state.requestId;
  if (body) headers['content-length'] = body.length;
  // The client as the gateway decided it (clientAddress), never a hop the client wrote
  // itself: users counts login failures per this address and trusts it from the gateway.
  headers['x-forwarded-for'] = ctx.state.clientAddress ?? ctx.req.socket.remoteAddress;
  return headers;
}

/** `capture`, when given, also receives the whole answer once it has been passed on (for catalog-cache.ts). */
export async function proxy(ctx: Context, upstream: Upstream, path: string, timeoutMs: number, capture?: Capture | null): Promise<void> {
  // The throttle may have read the body already (a login's username).
  const body = (ctx.state.body as Buffer | undefined) ?? (await requestBody(ctx));
  return new Promise((resolve, reject) => {
    const request = http.request({
      agent: upstreamAgent,
      hostname: upstream.url.hostname,
      port: upstream.url.port,
      method: ctx.method,
      path,
      headers: forwardHeaders(ctx, body),
      timeout: timeoutMs,
    });
    request.on('response', (response) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (!NOT_PASSED_BACK.has(name) && value !== undefined) headers[name] = value;
      }
      if (typeof headers.location === 'string') headers.location = publicLocation(headers.location);
      // Piped straight to the socket: Koa's own stream handling costs more per request
      // than the proxying itself. ctx.status is still set for the access log.
      ctx.status = response.statusCode ?? 502;
      ctx.respond = false;
      ctx.res.writeHead(ctx.status, headers);
      if (capture) {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => capture(ctx.status, response.headers, Buffer.concat(chunks)));
      }
      response.pipe(ctx.res);
      // The service went away mid-answer: cut the client off too, so that it sees a broken
      // answer (short of its Content-Length, or without the last chunk) instead of waiting.
      response.once('close', () => {
        if (!response.complete) ctx.res.destroy();
      });
      ctx.res.once('close', () => {
        if (!response.complete) response.destroy(); // the client went away mid-answer
      });
      resolve();
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      reject(new ServiceUnavailable(upstream.name, `${upstream.name}: forwarding ${ctx.method} ${ctx.path} failed: ${error.code ?? error.message}`));
    });
    request.end(body ?? undefined);
  });
}
