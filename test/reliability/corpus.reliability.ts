// A corpus of bad input sent to every route, through the gateway and straight to the
// service: never a 5xx, a 4xx is always a problem+json, a bad write is refused, and not
// one byte of data changes.
import assert from 'node:assert/strict';
import type { ServiceName } from '../../services/shared/config.js';
import { snapshotFiles } from '../support/http.js';
import { startLiveStack, type LiveStack } from '../support/live-stack.js';
import { tokenFor } from '../support/tokens.js';
import { BODIES, GATEWAY_PATHS, PARAM_TRICKS, QUERIES, SPOILED, spoil } from './corpus-cases.js';
import { CORPUS, type CorpusRoute } from './corpus-table.js';
import { inPool, judgeReply, rawRequest, type RawRequest } from './raw-http.js';
import { fill, isInternal, serviceRoutes, type Route } from './routes.js';
import { dateIn } from './workload-room.js';

interface Case {
  label: string;
  base: string;
  request: RawRequest;
  /** Reads may answer 200; a bad write must be refused. */
  mustRefuse: boolean;
}

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Files that change by design while the corpus runs: process logs. */
const isLog = (file: string) => file.endsWith('.log') || file.startsWith('run/');

describe('bad-input corpus (reliability)', function () {
  this.timeout(180_000);
  let stack: LiveStack;
  /** The data files as the last test left them: each test must leave them as it found them. */
  let files: Map<string, string>;
  let failed = false;
  const auth: Record<'librarian' | 'service', string> = { librarian: '', service: '' };
  const routes = serviceRoutes();

  before(async () => {
    stack = await startLiveStack();
    auth.librarian = `Bearer ${stack.librarian}`;
    auth.service = `Bearer ${await tokenFor('service:corpus', 'service')}`;
    // Today's schedule is published on its first read: a write the corpus must not be blamed for.
    assert.equal((await stack.api('GET', '/schedule')).status, 200);
    files = snapshotFiles(stack.dataDir);
  });
  afterEach(function () {
    failed ||= this.currentTest?.state === 'failed';
  });
  after(async () => {
    await stack?.close(failed);
  });

  const entry = (route: Route): CorpusRoute => CORPUS[route.key];

  /** The same request through the gateway (/api…) and straight to its service; internal routes only directly. */
  function both(route: Route, label: string, path: string, request: Omit<RawRequest, 'path' | 'method'>): Case[] {
    const token = entry(route).service ? auth.service : auth.librarian;
    const headers = { authorization: token, ...request.headers };
    const made = (base: string, prefix: string, via: string): Case => ({
      label: `${via} ${route.method} ${prefix}${path.slice(0, 120)} [${label}]`,
      base,
      request: { ...request, method: route.method, path: prefix + path, headers },
      mustRefuse: WRITES.includes(route.method),
    });
    const direct = made(stack.url(route.service), '', 'direct');
    return isInternal(route) ? [direct] : [made(stack.gatewayUrl, '/api', 'gateway'), direct];
  }

  /** Sends every case; fails listing each bad answer, and each data file the cases changed. */
  async function check(cases: Case[]): Promise<void> {
    assert.ok(cases.length > 0, 'no case was made');
    const complaints: string[] = [];
    await inPool(cases, 4, async ({ label, base, request, mustRefuse }) => {
      try {
        const complaint = judgeReply(await rawRequest(base, request), mustRefuse);
        if (complaint) complaints.push(`${label}: ${complaint}`);
      } catch (error) {
        complaints.push(`${label}: no answer (${(error as Error).message})`);
      }
    });
    const now = snapshotFiles(stack.dataDir);
    const changed = [...new Set([...files.keys(), ...now.keys()])].filter((file) => !isLog(file) && files.get(file) !== now.get(file));
    files = now; // one test's writes are not blamed on the next
    if (changed.length > 0) complaints.push(`data files changed: ${changed.join(', ')}`);
    if (complaints.length > 0) assert.fail(`${complaints.length} of ${cases.length} bad requests were mishandled:\n${complaints.sort().join('\n')}`);
  }

  const jsonHeaders = (contentType = 'application/json'): Record<string, string> => (contentType ? { 'content-type': contentType } : {});

  it('has a corpus entry for every route the services serve', () => {
    assert.deepEqual(routes.filter((r) => !CORPUS[r.key]).map((r) => r.key), []);
    assert.deepEqual(Object.keys(CORPUS).filter((key) => !routes.some((r) => r.key === key)), [], 'entries for routes that no longer exist');
  });

  it('refuses malformed, deeply nested, oddly typed and oversized bodies on every route that takes one', async () => {
    const cases = routes
      .filter((r) => WRITES.includes(r.method))
      .flatMap((r) => BODIES.flatMap((b) => both(r, b.name, fill(r.path, entry(r).params ?? {}), { body: b.body, chunked: b.chunked, headers: jsonHeaders(b.contentType) })));
    await check(cases);
  });

  it('refuses wrong types, unicode oddities and edge numbers in every field of every body', async () => {
    const cases = routes.flatMap((r) => {
      const { body, fields = {}, params = {} } = entry(r);
      return Object.entries(fields).flatMap(([field, kind]) =>
        SPOILED[kind].map((raw) => both(r, `${field}=${raw.slice(0, 40)}`, fill(r.path, params), { body: spoil(body, field, raw), headers: jsonHeaders() })).flat(),
      );
    });
    await check(cases);
  });

  it('answers path tricks and very long ids in every path parameter with a 4xx problem', async () => {
    const cases = routes.flatMap((r) => {
      const { body, params = {} } = entry(r);
      const payload = body === undefined ? {} : { body: JSON.stringify(body), headers: jsonHeaders() };
      const names = Object.keys(params);
      const paths = names.length === 0 ? PARAM_TRICKS.map((t) => `${r.path}/${t}`) : names.flatMap((n) => PARAM_TRICKS.map((t) => fill(r.path, { ...params, [n]: t })));
      return paths.flatMap((path) => both(r, 'path trick', path, payload));
    });
    const gateway = GATEWAY_PATHS.flatMap((path) =>
      ['GET', 'POST'].map((method) => ({
        label: `gateway ${method} ${path.slice(0, 80)}`,
        base: stack.gatewayUrl,
        mustRefuse: true,
        request: { method, path, headers: { authorization: auth.service, ...jsonHeaders() }, body: method === 'POST' ? '{"operationId":"x","bookId":"bk-1","quantity":1}' : undefined },
      })),
    );
    await check([...cases, ...gateway]);
  });

  it('answers odd query strings on every read route without a 5xx', async () => {
    const cases = routes
      .filter((r) => r.method === 'GET')
      .flatMap((r) => QUERIES.flatMap((q) => both(r, q.slice(0, 40), `${fill(r.path, entry(r).params ?? {})}?${q}`, {})));
    await check(cases);
  });

  /** One read and one write of each service, for the header cases. */
  const sample = (): Route[] =>
    (['catalog', 'users', 'inventory', 'loans', 'orders', 'availability'] as ServiceName[]).flatMap((service) => {
      const mine = routes.filter((r) => r.service === service && !isInternal(r));
      return [mine.find((r) => r.method === 'GET')!, mine.find((r) => entry(r).body !== undefined)!];
    });

  function headerCases(headers: Record<string, string>, label: string): Case[] {
    return sample().flatMap((r) => {
      const { body, params = {} } = entry(r);
      const payload = body === undefined ? {} : { body: spoil(body, Object.keys(entry(r).fields!)[0], 'null') };
      return both(r, label, fill(r.path, params), { ...payload, headers: { ...jsonHeaders(), ...headers } });
    });
  }

  it('answers large, many and odd headers within the limit without a 5xx', async () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-filler-${i}`, 'v'.repeat(40)]));
    const cases = [
      ...headerCases({ 'x-filler': 'a'.repeat(12 * 1024) }, '12 KiB header'),
      ...headerCases(many, '300 headers'),
      ...headerCases({ authorization: `Bearer ${'a'.repeat(12_000)}` }, 'huge bearer token'),
      ...headerCases({ authorization: 'Bearer a.b.c' }, 'token of three dots'),
      ...headerCases({ authorization: 'Basic YWRtaW46YWRtaW4=' }, 'basic auth'),
      ...headerCases({ 'x-request-id': '../../%00\u00e9'.repeat(30) }, 'odd request id'),
      ...['a'.repeat(300), '\u00e9t\u00e9', ' ', ''].flatMap((key) =>
        both(routes.find((r) => r.key === 'POST /orders')!, `idempotency key ${JSON.stringify(key.slice(0, 8))}`, '/orders', {
          body: '{"bookId":"bk-999999","quantity":1}',
          headers: { ...jsonHeaders(), 'idempotency-key': key },
        }),
      ),
    ];
    await check(cases);
  });

  it('refuses headers over the server limit (> 16 KiB) with a 431 problem', async () => {
    const cases = headerCases({ 'x-filler': 'a'.repeat(20 * 1024) }, '20 KiB header');
    await check(cases);
  });

  it('takes "." and ".." for the ids of no book, in bodies and in paths', async () => {
    const on = (service: ServiceName | 'gateway', method: string, path: string, body?: unknown): Case => ({
      label: `${service} ${method} ${path} ${body === undefined ? '' : JSON.stringify(body)}`,
      base: service === 'gateway' ? stack.gatewayUrl : stack.url(service),
      request: { method, path, headers: { authorization: auth.librarian, ...jsonHeaders() }, body: body === undefined ? undefined : JSON.stringify(body) },
      mustRefuse: true,
    });
    const cases = ['.', '..'].flatMap((id) => [
      on('gateway', 'PUT', `/api/schedule/${dateIn(10)}`, [{ bookId: id, seats: 3 }]),
      on('gateway', 'POST', '/api/orders', { bookId: id, quantity: 1 }),
      on('inventory', 'PUT', `/inventory/${id}/stock`, { stock: 5 }),
      on('inventory', 'POST', `/inventory/${id}/copies`, { count: 1 }),
      on('orders', 'POST', `/purchase/${id}`),
    ]);
    await check(cases);
  });

  it('does not let a chunked DELETE body through the gateway smuggle a request to a service', async () => {
    // The body is a whole request: forwarded without its chunked framing, the service would read it as a second one.
    const register = JSON.stringify({ username: 'smuggled', password: 'smuggled password', name: 'Smuggled', email: 'smuggled@example.org' });
    const inner = `POST /register HTTP/1.1\r\nHost: users\r\nContent-Type: application/json\r\nContent-Length: ${register.length}\r\n\r\n${register}`;
    const reply = await rawRequest(stack.gatewayUrl, { method: 'DELETE', path: '/api/users/nobody', headers: jsonHeaders(), body: inner, chunked: true });
    assert.ok(reply.status >= 400 && reply.status < 500, `answered ${reply.status}: ${reply.text}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const smuggled = await stack.api('GET', '/users/smuggled', { token: stack.librarian });
    assert.equal(smuggled.status, 404, `the smuggled POST /register created a member: ${JSON.stringify(smuggled.body)}`);
  });

  it('leaves every service up', async () => {
    const health = await fetch(`${stack.gatewayUrl}/health`);
    assert.equal(health.status, 200, JSON.stringify(await health.json()));
  });
});
