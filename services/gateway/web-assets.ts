// The web front desk, served at / from the files `npm run build` writes to dist/web/.
// They are read once at start-up and compressed then (brotli and gzip at their best
// levels: a few dozen KiB, so seconds of work are not spent per request). The page is
// `no-cache` (always asked again, answered 304 when unchanged); the assets have a hash in
// their names and are `immutable` for a year. Every answer carries the page's security
// headers: a CSP of 'self' only, with no inline script or style anywhere.
import type { Context, Middleware } from 'koa';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { NotFound, Problem } from '../shared/problem.js';

export const CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
const PAGE_CACHE = 'no-cache';
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface WebFile {
  type: string;
  etag: string;
  cache: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export type WebAssets = ReadonlyMap<string, WebFile>;

/** dist/web beside the compiled gateway, or WEB_DIR. */
export function webDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.WEB_DIR || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
}

/** The built files by URL path, or null when the front desk was not built. */
export function loadWebAssets(dir: string): WebAssets | null {
  if (!existsSync(path.join(dir, 'index.html'))) return null;
  const files = new Map<string, WebFile>();
  files.set('/', webFile(readFileSync(path.join(dir, 'index.html')), '.html', PAGE_CACHE));
  for (const name of readdirSync(path.join(dir, 'assets'))) {
    const type = path.extname(name);
    if (TYPES[type]) files.set(`/assets/${name}`, webFile(readFileSync(path.join(dir, 'assets', name)), type, ASSET_CACHE));
  }
  return files;
}

function webFile(identity: Buffer, ext: string, cache: string): WebFile {
  return {
    type: TYPES[ext],
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
    cache,
    identity,
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gzip: gzipSync(identity, { level: 9 }),
  };
}

/** GET and HEAD of /, /index.html and /assets/*; everything else goes on. */
export function webFrontDesk(assets: WebAssets | null): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const key = ctx.path === '/index.html' ? '/' : ctx.path;
    if (key !== '/' && !key.startsWith('/assets/')) return next();
    if (!assets) throw new Problem(404, 'web-not-built', 'Web front desk not built', 'run npm run build, which writes dist/web/, then restart the gateway');
    const file = assets.get(key);
    if (!file) throw new NotFound(`no web asset ${ctx.path}`);
    send(ctx, file);
  };
}

function send(ctx: Context, file: WebFile): void {
  ctx.set(SECURITY_HEADERS);
  ctx.set('Cache-Control', file.cache);
  ctx.set('ETag', file.etag);
  ctx.vary('Accept-Encoding');
  if (ctx.get('if-none-match') === file.etag) {
    ctx.status = 304;
    return;
  }
  const encoding = pickEncoding(ctx.get('accept-encoding'));
  if (encoding !== 'identity') ctx.set('Content-Encoding', encoding);
  ctx.type = file.type;
  ctx.body = encoding === 'br' ? file.br : encoding === 'gzip' ? file.gzip : file.identity;
}

/**
 * br when the client takes it at all, else gzip, else none. (Koa's negotiation breaks ties
 * by the client's order, and browsers list gzip first; brotli is the smaller.)
 */
export function pickEncoding(header: string): 'br' | 'gzip' | 'identity' {
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (name) q.set(name.trim(), weight ? Number(weight[1]) : 1);
  }
  const takes = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : 'identity';
}
