import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, tempDataDir, tempDir } from '../../test/support/http.js';
import { serviceScript } from '../../test/support/processes.js';
import { ConfigError, loadConfig, readUrl, type ProcessName } from './config.js';

/** Starts a process and waits until it listens (then stops it) or exits; its fate and stderr. */
function startOrFail(name: ProcessName, env: Record<string, string>): Promise<{ listened: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'LIBRARY_SECRET'));
    const child = spawn(process.execPath, [serviceScript(name)], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let listened = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!listened && chunk.toString().includes('listening on')) {
        listened = true;
        child.kill('SIGTERM');
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} neither listened nor exited within 15 s; stderr: ${stderr}`));
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ listened, code, stderr });
    });
  });
}

describe('readUrl()', () => {
  const accepted: [string, string][] = [
    ['http://127.0.0.1:5001', 'http://127.0.0.1:5001'],
    ['http://catalog:5001/', 'http://catalog:5001'],
    ['http://[::1]:5001', 'http://[::1]:5001'],
  ];
  for (const [raw, url] of accepted) {
    it(`takes ${raw} as ${url}`, () => assert.equal(readUrl({ CATALOG_URL: raw }, 'CATALOG_URL', 'http://x:1'), url));
  }
  const refused: [string, RegExp][] = [
    ['https://catalog:5001', /CATALOG_URL must be a plain http URL: services speak HTTP to each other/],
    ['http://catalog:5001/library', /CATALOG_URL must be http:\/\/host:port with no path/],
    ['http://catalog:5001/?x=1', /no path, query or user/],
    ['http://user:pw@catalog:5001', /no path, query or user/],
    ['ftp://catalog:5001', /CATALOG_URL must be an http URL/],
    ['catalog:5001', /CATALOG_URL must be an http URL/],
  ];
  for (const [raw, message] of refused) {
    it(`refuses ${raw} with a ConfigError naming the variable`, () => {
      assert.throws(() => readUrl({ CATALOG_URL: raw }, 'CATALOG_URL', 'http://x:1'), (error: Error) => error instanceof ConfigError && message.test(error.message));
    });
  }
});

describe('loadConfig()', () => {
  it('needs no token secret: only a process that signs or checks tokens reads it', () => {
    const config = loadConfig('gateway', { DATA_DIR: tempDataDir('config-test-') });
    assert.equal(config.service, 'gateway');
    assert.equal('secret' in config, false);
  });
});

describe('start-up configuration', function () {
  this.timeout(40_000);

  it('starts the gateway without a token secret when its catalog cache is off', async () => {
    const port = await freePort();
    const result = await startOrFail('gateway', { DATA_DIR: tempDir('config-test-'), GATEWAY_PORT: String(port), GATEWAY_CACHE_BYTES: '0', LOG_REQUESTS: '1' });
    assert.equal(result.listened, true, result.stderr);
    // …and still asks for one when the cache is on, since the cache calls the catalog.
    const cached = await startOrFail('gateway', { DATA_DIR: tempDir('config-test-'), GATEWAY_PORT: String(port), LOG_REQUESTS: '1' });
    assert.equal(cached.code, 1);
    assert.match(cached.stderr, /^gateway: cannot start: no token secret/);
  });

  it('stops a service with an https or base-path service URL at start, naming the variable', async () => {
    const dataDir = tempDataDir('config-test-');
    const base = { DATA_DIR: dataDir, LIBRARY_SECRET: 'x'.repeat(40), LOANS_PORT: String(await freePort()) };
    const https = await startOrFail('loans', { ...base, INVENTORY_URL: 'https://127.0.0.1:5004' });
    assert.equal(https.code, 1);
    assert.match(https.stderr, /^loans: cannot start: INVENTORY_URL must be a plain http URL/);
    const gateway = await startOrFail('gateway', { ...base, GATEWAY_PORT: String(await freePort()), CATALOG_URL: 'http://127.0.0.1:5001/catalog' });
    assert.equal(gateway.code, 1);
    assert.match(gateway.stderr, /^gateway: cannot start: CATALOG_URL must be http:\/\/host:port with no path/);
  });

  it('stops a service whose own knob is bad before it opens anything', async () => {
    const dataDir = tempDataDir('config-test-');
    const result = await startOrFail('orders', { DATA_DIR: dataDir, LIBRARY_SECRET: 'x'.repeat(40), ORDERS_PORT: String(await freePort()), ORDERS_RETRY_MS: '10' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^orders: cannot start: ORDERS_RETRY_MS must be between 50 and 600000, got 10/);
    assert.equal(existsSync(path.join(dataDir, 'orders')), false);
  });
});
