import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Problem, ServiceUnavailable } from '../problem.js';
import { isRefusal, pathSegment, ServiceClient } from './service-client.js';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

/** A bare HTTP server on 127.0.0.1, answering as `handler` says: the other side of the wire. */
async function serve(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
};

describe('ServiceClient.call()', () => {
  const token = async () => 'tok';

  it('sends the JSON body, query, token and request id, and answers the status and parsed body', async () => {
    const server = await serve((req, body, res) => json(res, 201, { method: req.method, url: req.url, body: JSON.parse(body), auth: req.headers.authorization, id: req.headers['x-request-id'] }));
    const client = new ServiceClient('things', `${server.url}/`, 1000, token);
    const reply = await client.call<Record<string, unknown>>('POST', '/items', 'making an item', { json: { a: 1 }, searchParams: { q: 'x y', n: 2 }, requestId: 'req-1' });
    assert.deepEqual({ status: reply.status, body: reply.body }, { status: 201, body: { method: 'POST', url: '/items?q=x+y&n=2', body: { a: 1 }, auth: 'Bearer tok', id: 'req-1' } });
    assert.equal(reply.headers['content-type'], 'application/json');
    await server.close();
  });

  it('sends dot segments as written, so an id of "." or ".." cannot reach another route', async () => {
    const server = await serve((req, _body, res) => json(res, 200, { url: req.url }));
    const client = new ServiceClient('things', `${server.url}/base`, 1000, token);
    for (const id of ['.', '..', '%2E', '%2e%2E']) {
      const reply = await client.call<{ url: string }>('GET', `/books/${id}`, 'reading a book');
      assert.equal(reply.body.url, `/base/books/${id}`);
    }
    await server.close();
  });

  it('passes a 4xx problem on as it is, and answers an allowed status as a value', async () => {
    const server = await serve((_req, _body, res) => json(res, 409, { type: '/problems/out-of-stock', title: 'Out of stock', status: 409, available: 0 }, 'application/problem+json'));
    const client = new ServiceClient('things', server.url, 1000, token);
    await assert.rejects(client.call('POST', '/take', 'taking'), (error: Problem) => error.code === 'out-of-stock' && error.status === 409 && error.extensions.available === 0);
    assert.equal((await client.call('POST', '/take', 'taking', { allow: [409] })).status, 409);
    await server.close();
  });

  const unavailable = (service: string, pattern: RegExp) => (error: unknown) =>
    error instanceof ServiceUnavailable && error.status === 503 && error.extensions.service === service && pattern.test(error.detail ?? '');

  it('turns a closed port into 503 naming the service and the operation', async () => {
    const client = new ServiceClient('inventory', 'http://127.0.0.1:9', 1000, token);
    await assert.rejects(client.call('GET', '/x', 'reading x'), unavailable('inventory', /^inventory: reading x failed: ECONNREFUSED$/));
  });

  it('gives up after the timeout with 503 ETIMEDOUT', async () => {
    const server = await serve(() => {}); // never answers
    const client = new ServiceClient('slow', server.url, 150, token);
    // Without the timeout the call never ends and mocha's own timeout fails the test.
    await assert.rejects(client.call('GET', '/x', 'reading x'), unavailable('slow', /ETIMEDOUT/));
    await server.close();
  });

  it('turns a 500 or a body that is not JSON into 503', async () => {
    const server = await serve((req, _body, res) => (req.url === '/boom' ? json(res, 500, { type: '/problems/internal-error', title: 'x', status: 500 }) : res.end('<html>')));
    const client = new ServiceClient('odd', server.url, 1000, token);
    await assert.rejects(client.call('GET', '/boom', 'booming'), unavailable('odd', /failed with status 500/));
    await assert.rejects(client.call('GET', '/html', 'reading html'), unavailable('odd', /ERR_BODY_PARSE_FAILURE/));
    await server.close();
  });
});

describe('isRefusal()', () => {
  const cases: [string, unknown, boolean][] = [
    ['a 409 problem', new Problem(409, 'take-expired', 'Take expired'), true],
    ['a 404 problem', new Problem(404, 'not-found', 'Not found'), true],
    ['a 422 problem', new Problem(422, 'validation-failed', 'Invalid'), true],
    ['408: asked again later', new Problem(408, 'request-timeout', 'Request timeout'), false],
    ['429: asked again later', new Problem(429, 'too-many-requests', 'Too many requests'), false],
    ['a 503 (the service is down)', new ServiceUnavailable('inventory', 'inventory: down'), false],
    ['a 500 problem', new Problem(500, 'internal-error', 'Internal error'), false],
    ['a 3xx status', new Problem(302, 'moved', 'Moved'), false],
    ['an error that is no problem', new Error('ECONNRESET'), false],
  ];
  for (const [name, error, refusal] of cases) {
    it(`${refusal ? 'is' : 'is not'} a refusal: ${name}`, () => assert.equal(isRefusal(error), refusal));
  }

  it('refuses to put a lone surrogate in a path (422), where encodeURIComponent would throw a URIError', () => {
    assert.throws(() => pathSegment('bk-\ud800'), (error: Problem) => error instanceof Problem && error.status === 422);
    assert.equal(pathSegment('a b/📚'), 'a%20b%2F%F0%9F%93%9A');
  });
});
