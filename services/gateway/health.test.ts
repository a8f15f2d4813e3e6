import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { listen, send, type Running } from '../../test/support/http.js';
import { SERVICE_NAMES, type ServiceName } from '../shared/config.js';
import { createApp } from './app.js';

/** One server answering /health for all six services, counting the calls. */
async function fakeServices(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"t"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('gateway: GET /health answers from the last background check', function () {
  this.timeout(20_000);
  let services: Awaited<ReturnType<typeof fakeServices>>;
  let gateway: Running;

  before(async () => {
    services = await fakeServices();
    const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, services.url])) as Record<ServiceName, string>;
    const health = { intervalMs: 300, degradedIntervalMs: 300, timeoutMs: 300, idleMs: 10_000, degradedFreshMs: 50 };
    gateway = await listen(createApp({ urls, selfUrl: 'http://gw', log: () => {}, logRequests: false, upstreamTimeoutMs: 2000, health }));
  });
  after(async () => {
    await gateway.close();
    await services.close().catch(() => {});
  });

  it('asks the services once per round, not once per call', async () => {
    const first = await send(gateway.url, 'GET', '/health');
    assert.equal(first.status, 200);
    const before = services.calls();
    const replies = await Promise.all(Array.from({ length: 20 }, () => send(gateway.url, 'GET', '/health')));
    assert.ok(replies.every((r) => r.status === 200 && r.body.services.length === 7));
    // 20 calls at once: at most one background round (6 probes) may have started meanwhile.
    assert.ok(services.calls() - before <= SERVICE_NAMES.length, `${services.calls() - before} probes for 20 calls`);
  });

  it('refreshes in the background: the check time moves on without a call in between', async () => {
    const a = (await send(gateway.url, 'GET', '/health')).body.checkedAt;
    await sleep(800);
    const b = (await send(gateway.url, 'GET', '/health')).body.checkedAt;
    assert.ok(Date.parse(b) > Date.parse(a), `${a} then ${b}`);
  });

  it('shows a stopped service as down, with 503, within a couple of rounds', async () => {
    await services.close();
    const stoppedAt = Date.now();
    let reply = await send(gateway.url, 'GET', '/health');
    while (reply.status === 200 && Date.now() - stoppedAt < 5000) {
      await sleep(100);
      reply = await send(gateway.url, 'GET', '/health');
    }
    assert.equal(reply.status, 503);
    assert.equal(reply.body.status, 'degraded');
    const catalog = reply.body.services.find((s: { name: string }) => s.name === 'catalog');
    assert.equal(catalog.status, 'down');
    assert.equal(typeof catalog.latencyMs, 'number');
  });
});

describe('gateway: GET /health while a service is down', function () {
  this.timeout(20_000);

  it('checks again soon, not a whole round later: a service that comes up shows as up', async () => {
    // The port of a server that is not there yet: every probe is refused.
    const reserved = http.createServer();
    await new Promise<void>((resolve) => reserved.listen(0, '127.0.0.1', resolve));
    const port = (reserved.address() as AddressInfo).port;
    await new Promise<void>((resolve) => reserved.close(() => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, url])) as Record<ServiceName, string>;
    // A round once a minute when all is well, and calls never fresher than that: only the degraded pace can see the change in time.
    const health = { intervalMs: 60_000, degradedIntervalMs: 100, timeoutMs: 300, idleMs: 120_000, degradedFreshMs: 60_000 };
    const gateway = await listen(createApp({ urls, selfUrl: 'http://gw', log: () => {}, logRequests: false, upstreamTimeoutMs: 2000, health }));
    const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"t"}'));
    try {
      assert.equal((await send(gateway.url, 'GET', '/health')).status, 503);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      let reply = await send(gateway.url, 'GET', '/health');
      for (let i = 0; i < 100 && reply.status !== 200; i++) {
        await sleep(100);
        reply = await send(gateway.url, 'GET', '/health');
      }
      assert.equal(reply.status, 200, 'still degraded 10 s after every service came up');
    } finally {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('gateway: GET /health calls while a service is down', function () {
  this.timeout(20_000);

  it('are answered from a check begun for them, shared: a service that comes up shows at the next call', async () => {
    let up = false;
    let calls = 0;
    const server = http.createServer((req, res) => {
      calls++;
      res.writeHead(up ? 200 : 503, { 'content-type': 'application/json' }).end(`{"status":"${up ? 'ok' : 'starting'}","version":"t"}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, url])) as Record<ServiceName, string>;
    // No background round could see the change in time: only the calls' own checks.
    const health = { intervalMs: 60_000, degradedIntervalMs: 60_000, timeoutMs: 300, idleMs: 120_000, degradedFreshMs: 50 };
    const gateway = await listen(createApp({ urls, selfUrl: 'http://gw', log: () => {}, logRequests: false, upstreamTimeoutMs: 2000, health }));
    try {
      assert.equal((await send(gateway.url, 'GET', '/health')).status, 503);
      await sleep(60);
      const before = calls;
      const replies = await Promise.all(Array.from({ length: 20 }, () => send(gateway.url, 'GET', '/health')));
      assert.ok(replies.every((r) => r.status === 503));
      assert.equal(calls - before, SERVICE_NAMES.length, '20 calls at once share one check');
      up = true;
      await sleep(60);
      assert.equal((await send(gateway.url, 'GET', '/health')).status, 200, 'the call after every service came up');
    } finally {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('gateway: GET /health when a URL answers as another service', () => {
  let services: Awaited<ReturnType<typeof fakeServices>>;
  before(async () => (services = await fakeServices()));
  after(() => services.close());

  it('shows that service down (503), naming who answered', async () => {
    // Two services given one port: the second cannot listen, and the first answers its /health.
    const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","service":"catalog","version":"t"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, name === 'catalog' || name === 'users' ? url : services.url])) as Record<ServiceName, string>;
    const gateway = await listen(createApp({ urls, selfUrl: 'http://gw', log: () => {}, logRequests: false, upstreamTimeoutMs: 2000 }));
    try {
      const reply = await send(gateway.url, 'GET', '/health');
      assert.equal(reply.status, 503, JSON.stringify(reply.body));
      const byName = Object.fromEntries(reply.body.services.map((s: { name: string }) => [s.name, s]));
      assert.equal(byName.catalog.status, 'up');
      assert.deepEqual([byName.users.status, byName.users.error], ['down', 'answered as catalog']);
      assert.ok(SERVICE_NAMES.filter((n) => n !== 'users').every((n) => byName[n].status === 'up'), JSON.stringify(reply.body.services));
    } finally {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

