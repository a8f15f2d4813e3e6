import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { createApp } from './app.js';
import { SERVICE_NAMES, type ServiceName } from '../shared/config.js';
import path from 'node:path';
import { freePort, listen, send, tempDataDir, type Running } from '../../test/support/http.js';
import { REPO_ROOT } from '../../test/support/processes.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp as createCatalog } from '../catalog/app.js';
import { seed as seedCatalog } from '../catalog/seed.js';
import { openCatalogStore } from '../catalog/store.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { ServiceClient } from '../shared/http/service-client.js';

const silent = () => {};

async function closedPortUrls(): Promise<Record<ServiceName, string>> {
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) urls[name] = `http://127.0.0.1:${await freePort()}`;
  return urls;
}

describe('gateway without its services', () => {
  let gateway: Running;

  before(async () => {
    gateway = await listen(
      createApp({ urls: await closedPortUrls(), selfUrl: 'http://gw', log: silent, logRequests: false, upstreamTimeoutMs: 2000 }),
    );
  });
  after(() => gateway.close());

  it('answers 503 naming the service that is down', async () => {
    const reply = await send(gateway.url, 'GET', '/api/books?q=clean');
    assert.equal(reply.status, 503);
    assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(reply.body.type, '/problems/service-unavailable');
    assert.equal(reply.body.service, 'catalog');
    assert.match(reply.body.title, /catalog/);
  });

  it('reports every service down on /health with 503', async () => {
    const reply = await send(gateway.url, 'GET', '/health');
    assert.equal(reply.status, 503);
    assert.equal(reply.body.status, 'degraded');
    const byName = Object.fromEntries(reply.body.services.map((s: { name: string; status: string }) => [s.name, s.status]));
    assert.equal(byName.gateway, 'up');
    for (const name of SERVICE_NAMES) assert.equal(byName[name], 'down', name);
  });

  it('keeps the caller\'s X-Request-Id and makes one otherwise', async () => {
    const kept = await send(gateway.url, 'GET', '/api/nothing', { headers: { 'x-request-id': 'trace-123' } });
    assert.equal(kept.headers.get('x-request-id'), 'trace-123');
    const made = await send(gateway.url, 'GET', '/api/nothing');
    assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  const refused: [string, string, number][] = [
    ['an unknown first segment', '/api/nothing', 404],
    ['internal routes', '/api/internal/copies/take', 404],
    ['a path outside /api', '/books', 404],
    ['an encoded dot-dot', '/api/books/..%2f..%2finternal', 400],
    ['a raw dot-dot', '/api/books/../internal', 400],
    ['an encoded NUL', '/api/books/bk-1%00', 400],
  ];
  for (const [what, path, status] of refused) {
    it(`refuses ${what} with ${status}`, async () => {
      const reply = await rawGet(gateway.url, path);
      assert.equal(reply.status, status);
      assert.equal(typeof JSON.parse(reply.body).type, 'string');
    });
  }
});

/** Sends raw bytes (no client tidies them up) and reads until the server closes. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** fetch() would tidy the path up before sending it; this sends it as written. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const request = http.request({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('gateway in front of a real service', () => {
  let gateway: Running;
  let catalog: Running;
  const catalogLog: Record<string, unknown>[] = [];

  before(async () => {
    const dataDir = tempDataDir();
    const seedDir = path.join(REPO_ROOT, 'data', 'seed');
    await seedCatalog({ dataDir, seedDir, env: {} });
    const store = await openCatalogStore(path.join(dataDir, 'catalog'));
    const urls = await closedPortUrls();
    catalog = await listen(
      createCatalog({
        store,
        inventory: new InventoryClient(new ServiceClient('inventory', urls.inventory, 1000, testTokens.serviceToken('catalog'))),
        tokens: testTokens,
        log: (entry) => catalogLog.push(entry),
        logRequests: true,
      }),
    );
    urls.catalog = catalog.url;
    gateway = await listen(createApp({ urls, selfUrl: 'http://gw', log: silent, logRequests: false, upstreamTimeoutMs: 2000 }));
  });
  after(async () => {
    await gateway.close();
    await catalog.close();
  });

  it('forwards /api/books to the catalog, with the query and the answer intact', async () => {
    const direct = await send(catalog.url, 'GET', '/books?q=clean%20code');
    const routed = await send(gateway.url, 'GET', '/api/books?q=clean%20code');
    assert.equal(routed.status, 200);
    assert.deepEqual(routed.body, direct.body);
    assert.ok(routed.body.items.some((b: { title: string }) => b.title.startsWith('Clean Code')));
  });

  it('answers a new book\'s Location as the gateway serves it, so following it finds the book', async () => {
    const token = await tokenFor('lib', 'librarian');
    const book = { isbn: '9780000000019', title: 'Where It Lives', authors: ['A. Path'], topic: 'software-engineering', price: 12 };
    const created = await send(gateway.url, 'POST', '/api/books', { token, json: book });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), `/api/books/${created.body.id}`);
    const followed = await send(gateway.url, 'GET', created.headers.get('location')!);
    assert.equal(followed.status, 200);
    assert.equal(followed.body.title, 'Where It Lives');
  });

  it('passes the request id on, so it shows in the service\'s log line', async () => {
    await send(gateway.url, 'GET', '/api/topics', { headers: { 'x-request-id': 'gw-trace-42' } });
    assert.ok(catalogLog.some((line) => line.requestId === 'gw-trace-42' && line.path === '/topics'));
  });

  it('does not let a chunked DELETE body reach the service as a second request', async () => {
    const smuggled = 'GET /books/smuggled-42 HTTP/1.1\r\nHost: x\r\n\r\n';
    const chunk = `${Buffer.byteLength(smuggled).toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    const { port } = new URL(gateway.url);
    await rawExchange(Number(port), `DELETE /api/books/bk-1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${chunk}`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a smuggled request would be logged by now
    assert.ok(catalogLog.some((line) => line.method === 'DELETE' && line.path === '/books/bk-1'));
    assert.ok(!catalogLog.some((line) => line.path === '/books/smuggled-42'), 'the body was read as a request');
  });

  it('refuses a body over 64 KiB itself with 413, declared or chunked', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(70_000) });
    const declared = await send(gateway.url, 'POST', '/api/books', { raw: big });
    assert.equal(declared.status, 413);
    assert.equal(declared.body.type, '/problems/body-too-large');
    const chunked = await fetch(`${gateway.url}/api/books`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()) }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 413);
  });

  it('passes a service\'s problem through unchanged', async () => {
    const reply = await send(gateway.url, 'POST', '/api/books', { raw: '{"title":' });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.type, '/problems/malformed-json');
  });

  it('passes an answer on with its Content-Length, not chunked', async () => {
    const answer = await new Promise<http.IncomingMessage & { text: string }>((resolve, reject) => {
      const request = http.request(`${gateway.url}/api/books`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(Object.assign(response, { text })));
      });
      request.on('error', reject);
      request.end('{"title":');
    });
    assert.equal(answer.statusCode, 400);
    assert.equal(answer.headers['transfer-encoding'], undefined);
    assert.equal(answer.headers['content-length'], String(Buffer.byteLength(answer.text)));
    assert.equal(JSON.parse(answer.text).type, '/problems/malformed-json');
  });
});

describe('gateway in front of a service that breaks off an answer', () => {
  let gateway: Running;
  let upstream: http.Server;

  before(async () => {
    // Sends the head and part of the body, then its connection drops.
    upstream = http.createServer((req, res) => {
      const length = req.url?.startsWith('/books/chunked') ? {} : { 'content-length': '100' };
      res.writeHead(200, { 'content-type': 'application/json', ...length });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 50);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const urls = await closedPortUrls();
    urls.catalog = `http://127.0.0.1:${(upstream.address() as net.AddressInfo).port}`;
    gateway = await listen(createApp({ urls, selfUrl: 'http://gw', log: silent, logRequests: false, upstreamTimeoutMs: 2000 }));
  });
  after(async () => {
    await gateway.close();
    upstream.closeAllConnections();
    upstream.close();
  });

  for (const which of ['sized', 'chunked']) {
    it(`answers 503 naming the service (${which}), never half an answer or none`, async () => {
      const reply = await send(gateway.url, 'GET', `/api/books/${which}`);
      assert.equal(reply.status, 503);
      assert.match(reply.body.detail as string, /^catalog: forwarding GET \/api\/books\/\w+ failed: ECONNRESET/);
    });
  }
});
