import assert from 'node:assert/strict';
import http from 'node:http';
import { SERVICE_NAMES, ConfigError, type ServiceName } from '../shared/config.js';
import { freePort, listen, type Running } from '../../test/support/http.js';
import { createApp, type GatewayDeps } from './app.js';
import { hostWithPort, parseAllowedHosts } from './host-check.js';

async function gatewayWith(allowedHosts?: ReadonlySet<string>): Promise<Running> {
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) urls[name] = `http://127.0.0.1:${await freePort()}`;
  const deps: GatewayDeps = { urls, selfUrl: 'http://gw', log: () => {}, logRequests: false, upstreamTimeoutMs: 2000, allowedHosts };
  return listen(createApp(deps));
}

/** fetch() will not send a Host of our choosing; node:http will. */
function withHost(base: string, method: string, path: string, host: string | null): Promise<{ status: number; body: any }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, setHost: false, headers: host === null ? {} : { host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: /json/.test(response.headers['content-type'] ?? '') ? JSON.parse(text) : text }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('gateway Host check (ALLOWED_HOSTS)', () => {
  describe('unset: 127.0.0.1 and localhost on its own port', () => {
    let gateway: Running;
    let port: string;
    before(async () => {
      gateway = await gatewayWith(undefined);
      port = new URL(gateway.url).port;
    });
    after(() => gateway.close());

    for (const [method, path] of [['GET', '/'], ['GET', '/api/books?q=x'], ['POST', '/api/login'], ['GET', '/openapi.json'], ['POST', '/health']]) {
      it(`refuses ${method} ${path} with Host: evil.example as 421 /problems/host-not-allowed`, async () => {
        const reply = await withHost(gateway.url, method, path, 'evil.example');
        assert.equal(reply.status, 421);
        assert.equal(reply.body.type, '/problems/host-not-allowed');
        assert.match(reply.body.detail, /evil\.example/);
      });
    }

    it('refuses a request without a Host header (Node itself answers 400 to HTTP/1.1 without one)', async () => {
      assert.ok([400, 421].includes((await withHost(gateway.url, 'GET', '/openapi.json', null)).status));
    });

    it('refuses the right name on another port (a rebinding page on :80 names no port)', async () => {
      assert.equal((await withHost(gateway.url, 'GET', '/openapi.json', '127.0.0.1')).status, 421);
      assert.equal((await withHost(gateway.url, 'GET', '/openapi.json', `127.0.0.1:${Number(port) + 1}`)).status, 421);
    });

    it('answers 127.0.0.1:<port> and localhost:<port>, in any case', async () => {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`]) {
        const reply = await withHost(gateway.url, 'GET', '/openapi.json', host);
        assert.equal(reply.status, 200, host);
      }
    });

    it('judges each request by its own Host, whatever the one before said', async () => {
      const statuses = [];
      for (const host of [`127.0.0.1:${port}`, 'evil.example', `127.0.0.1:${port}`, 'evil.example', 'evil.example']) {
        statuses.push((await withHost(gateway.url, 'GET', '/openapi.json', host)).status);
      }
      assert.deepEqual(statuses, [200, 421, 200, 421, 421]);
    });

    it('answers GET /health and GET /metrics whatever the Host, for probes and scrapers', async () => {
      const health = await withHost(gateway.url, 'GET', '/health', 'gateway');
      assert.equal(health.status, 503); // every service is down here, and it says so
      assert.ok(Array.isArray(health.body.services));
      assert.notEqual((await withHost(gateway.url, 'GET', '/metrics', '10.0.0.7:5000')).status, 421);
    });
  });

  describe('set', () => {
    let gateway: Running;
    before(async () => {
      gateway = await gatewayWith(parseAllowedHosts('library.example:80, gateway:5000'));
    });
    after(() => gateway.close());

    it('answers the listed names only; a Host with no port is port 80', async () => {
      assert.equal((await withHost(gateway.url, 'GET', '/openapi.json', 'library.example')).status, 200);
      assert.equal((await withHost(gateway.url, 'GET', '/openapi.json', 'gateway:5000')).status, 200);
      const port = new URL(gateway.url).port;
      assert.equal((await withHost(gateway.url, 'GET', '/openapi.json', `127.0.0.1:${port}`)).status, 421);
    });
  });

  it('reads ALLOWED_HOSTS as host:port entries and refuses anything else at start-up', () => {
    assert.equal(parseAllowedHosts(undefined), undefined);
    assert.equal(parseAllowedHosts(' '), undefined);
    assert.deepEqual([...parseAllowedHosts('A.example:8080,[::1]:5000')!], ['a.example:8080', '[::1]:5000']);
    for (const bad of ['library.example', 'http://x:80', 'x:0', 'x:99999', 'a b:80', '*:80']) {
      assert.throws(() => parseAllowedHosts(bad), ConfigError, bad);
    }
  });

  it('gives a Host header its port', () => {
    assert.equal(hostWithPort('Example.org'), 'example.org:80');
    assert.equal(hostWithPort('example.org:5000'), 'example.org:5000');
    assert.equal(hostWithPort('[::1]'), '[::1]:80');
    assert.equal(hostWithPort('[::1]:5000'), '[::1]:5000');
  });
});
