import assert from 'node:assert/strict';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { SERVICE_NAMES, type ServiceName } from '../shared/config.js';
import { freePort, listen, tempDir, type Running } from '../../test/support/http.js';
import { createApp } from './app.js';
import { loadWebAssets, pickEncoding, webDir, type WebAssets } from './web-assets.js';

async function gatewayWith(web: WebAssets | null): Promise<Running> {
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) urls[name] = `http://127.0.0.1:${await freePort()}`;
  return listen(createApp({ urls, selfUrl: 'http://gw', log: () => {}, logRequests: false, upstreamTimeoutMs: 2000, web }));
}

/** Raw bytes and headers, without fetch() decoding the body for us. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(base + path, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
}

describe('gateway: the web front desk at /', () => {
  let gateway: Running;
  let page: string;
  let assets: string[];
  before(async () => {
    const web = loadWebAssets(webDir({}));
    assert.ok(web, 'npm run build writes dist/web/');
    gateway = await gatewayWith(web);
    page = (await get(gateway.url, '/')).body.toString('utf8');
    assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  });
  after(() => gateway.close());

  it('serves the page as no-cache HTML, answering 304 to its ETag', async () => {
    const first = await get(gateway.url, '/');
    assert.equal(first.status, 200);
    assert.match(String(first.headers['content-type']), /^text\/html/);
    assert.equal(first.headers['cache-control'], 'no-cache');
    const again = await get(gateway.url, '/', { 'if-none-match': String(first.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
  });

  it("sends a CSP of default-src 'self' with no unsafe-inline or unsafe-eval, on the page and its assets", async () => {
    for (const path of ['/', ...assets]) {
      const csp = String((await get(gateway.url, path)).headers['content-security-policy']);
      assert.match(csp, /(^|;\s*)default-src 'self'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, path);
    }
  });

  it('has no inline script, style or event handler in the page', () => {
    for (const tag of page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
      assert.match(tag[0], /\ssrc="\/assets\//, 'every script is a file');
      assert.equal(tag[1].trim(), '');
    }
    assert.doesNotMatch(page, /<style\b|\sstyle=|\son[a-z]+=/i);
    assert.doesNotMatch(page, /https?:\/\//, 'nothing from another origin');
  });

  it('serves the hashed script, stylesheet and icon as immutable for a year', async () => {
    assert.deepEqual(assets.map((a) => a.replace(/\.[A-Z0-9]{8}\./, '.#.')).sort(), ['/assets/app.#.css', '/assets/app.#.js', '/assets/favicon.#.svg']);
    for (const path of assets) {
      const reply = await get(gateway.url, path);
      assert.equal(reply.status, 200, path);
      assert.equal(reply.headers['cache-control'], 'public, max-age=31536000, immutable', path);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('compresses with brotli or gzip as the client accepts, the same bytes underneath', async () => {
    for (const path of ['/', ...assets]) {
      const plain = await get(gateway.url, path);
      assert.equal(plain.headers['content-encoding'], undefined);
      const br = await get(gateway.url, path, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.headers['content-encoding'], 'br', path);
      assert.deepEqual(brotliDecompressSync(br.body), plain.body);
      const gz = await get(gateway.url, path, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', path);
      assert.deepEqual(gunzipSync(gz.body), plain.body);
      assert.match(String(br.headers.vary), /accept-encoding/i);
    }
  });

  it('prefers brotli, honours q=0, and sends plain bytes to a client that takes neither', () => {
    assert.equal(pickEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(pickEncoding('gzip, br;q=0'), 'gzip');
    assert.equal(pickEncoding('*'), 'br');
    assert.equal(pickEncoding('deflate'), 'identity');
    assert.equal(pickEncoding(''), 'identity');
  });

  it('keeps the first page (page, script, stylesheet, icon) under 100 KB compressed', async () => {
    let bytes = 0;
    for (const path of ['/', ...assets]) bytes += (await get(gateway.url, path, { 'accept-encoding': 'br' })).body.length;
    assert.ok(bytes < 100_000, `${bytes} bytes`);
  });

  it('answers an unknown asset with a 404 problem, and leaves other paths to the routes', async () => {
    const missing = await get(gateway.url, '/assets/app.NOPE.js');
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers['content-type']), /problem\+json/);
    assert.equal((await get(gateway.url, '/books')).status, 404);
    assert.equal((await get(gateway.url, '/openapi.json')).status, 200);
  });

  it('says the front desk is not built when dist/web is missing, and still serves the API', async () => {
    assert.equal(loadWebAssets(tempDir('no-web-')), null);
    const bare = await gatewayWith(null);
    try {
      const reply = await get(bare.url, '/');
      assert.equal(reply.status, 404);
      assert.equal(JSON.parse(reply.body.toString()).type, '/problems/web-not-built');
      assert.equal((await get(bare.url, '/openapi.json')).status, 200);
    } finally {
      await bare.close();
    }
  });
});
