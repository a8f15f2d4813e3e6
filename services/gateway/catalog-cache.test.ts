// Two real gateway processes in front of one real catalog process and the inventory it
// mirrors stock from: a write acknowledged through one replica is seen by the next read
// through the other, although both keep catalog answers. The services these routes never
// reach are not started: the replicas are told they live at the catalog's address, which
// answers their /health probes (one process fewer each, on a machine that may be busy).
// Users runs: the catalog process checks the librarian's token against the account.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, send, tempDataDir } from '../../test/support/http.js';
import { REPO_ROOT, stackEnv, startProcess, stopAll, type ServiceProcess } from '../../test/support/processes.js';
import { tokenFor } from '../../test/support/tokens.js';
import type { SeedOptions } from '../shared/seed.js';
import { envName, SERVICE_NAMES } from '../shared/config.js';

const SEED_DIR = path.join(REPO_ROOT, 'data/seed');

/** Reads until the replica answers from its copy (its feed subscription may still be starting). */
async function until(gateway: string, route: string, state: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const reply = await send(gateway, 'GET', route);
    if (reply.headers.get('x-gateway-cache') === state) return;
    await sleep(50);
  }
  assert.fail(`${gateway}${route} never answered with X-Gateway-Cache: ${state}`);
}

describe('gateway replicas: catalog answers kept, invalidated by the catalog\'s change feed', function () {
  this.timeout(90_000);
  let dataDir: string;
  let services: ServiceProcess[] = [];
  let a: ServiceProcess;
  let b: ServiceProcess;
  let librarian: string;

  before(async () => {
    dataDir = tempDataDir('gateway-replicas-');
    for (const name of ['catalog', 'inventory', 'users'] as const) {
      const { seed } = (await import(`../${name}/seed.js`)) as { seed(options: SeedOptions): Promise<unknown> };
      await seed({ dataDir, seedDir: SEED_DIR, env: { LIBRARY_ADMIN_PASSWORD: 'replicas-admin-password' } });
    }
    const env = await stackEnv(dataDir, { LOG_REQUESTS: '0' });
    services = await Promise.all((['catalog', 'inventory', 'users'] as const).map((name) => startProcess(name, env)));
    for (const name of SERVICE_NAMES) if (name !== 'catalog' && name !== 'inventory' && name !== 'users') env[envName(name, 'URL')] = env.CATALOG_URL;
    const replica = async () => {
      const port = await freePort();
      return startProcess('gateway', { ...env, GATEWAY_PORT: String(port), GATEWAY_URL: `http://127.0.0.1:${port}` });
    };
    [a, b] = await Promise.all([replica(), replica()]);
    librarian = await tokenFor('admin', 'librarian'); // the seeded librarian: the catalog process checks the account
  });
  after(async () => {
    await stopAll([a, b].filter(Boolean));
    await stopAll(services);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a repeated read from its copy', async () => {
    await until(b.url, '/api/books?q=dos', 'hit');
    await until(b.url, '/api/books/bk-1', 'hit');
    await until(b.url, '/api/topics', 'hit');
    await until(b.url, '/api/search/distributed-systems', 'hit');
  });

  it('answers a hit as the catalog answered: status, body, type and length, with the request id', async () => {
    const route = '/api/books?q=refactoring';
    const first = await fetch(`${a.url}${route}`, { headers: { 'x-request-id': 'first-1' } });
    const firstBody = await first.text();
    await until(a.url, route, 'hit');
    const hit = await fetch(`${a.url}${route}`, { headers: { 'x-request-id': 'hit-2' } });
    assert.equal(hit.headers.get('x-gateway-cache'), 'hit');
    assert.equal(hit.status, first.status);
    assert.equal(await hit.text(), firstBody);
    assert.equal(hit.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(hit.headers.get('content-length'), String(Buffer.byteLength(firstBody)));
    assert.equal(hit.headers.get('x-request-id'), 'hit-2');
  });

  it('shows a write made through one replica on the very next read through the other', async () => {
    for (let round = 0; round < 5; round++) {
      await until(b.url, '/api/books/bk-1', 'hit');
      await until(b.url, '/api/books?q=dos', 'hit');
      const title = `DOS in ${40 + round} minutes a day`;
      const written = await send(a.url, 'PATCH', '/api/books/bk-1', { json: { title }, token: librarian });
      assert.equal(written.status, 200);
      // At once, through the other replica: the details, and a search whose answer it held.
      const [details, search] = await Promise.all([send(b.url, 'GET', '/api/books/bk-1'), send(b.url, 'GET', '/api/books?q=dos')]);
      assert.equal(details.body.title, title);
      assert.equal(search.body.items.find((book: { id: string }) => book.id === 'bk-1')?.title, title);
    }
  });

  it('shows a new book in a search the other replica held, and a removed one gone', async () => {
    await until(b.url, '/api/books?q=kernel%20hacking', 'hit');
    const added = await send(a.url, 'POST', '/api/books', {
      json: { isbn: '9781593272203', title: 'Kernel Hacking Made Plain', authors: ['Ann Writer'], topic: 'programming', price: 20 },
      token: librarian,
    });
    assert.equal(added.status, 201);
    assert.deepEqual((await send(b.url, 'GET', '/api/books?q=kernel%20hacking')).body.items.map((book: { id: string }) => book.id), [added.body.id]);
    await until(b.url, `/api/books/${added.body.id}`, 'hit');
    assert.equal((await send(a.url, 'DELETE', `/api/books/${added.body.id}`, { token: librarian })).status, 204);
    assert.equal((await send(b.url, 'GET', `/api/books/${added.body.id}`)).status, 404);
    assert.equal((await send(b.url, 'GET', '/api/books?q=kernel%20hacking')).body.total, 0);
  });

  it('shows a stock change made through one replica in /info through the other at once', async () => {
    for (const stock of [3, 0, 41]) {
      await until(b.url, '/api/info/bk-1', 'hit');
      const written = await send(a.url, 'PUT', '/api/inventory/bk-1/stock', { json: { stock }, token: librarian });
      assert.equal(written.status, 200);
      assert.equal((await send(b.url, 'GET', '/api/info/bk-1')).body.stock, stock);
    }
  });

  it('drops its copy and bypasses it while the catalog is away, and keeps answers again once back', async () => {
    await until(b.url, '/api/books/bk-2', 'hit');
    const catalog = services.find((s) => s.name === 'catalog')!;
    await catalog.stop();
    const away = await send(b.url, 'GET', '/api/books/bk-2');
    assert.equal(away.status, 503);
    assert.equal(away.headers.get('x-gateway-cache'), 'bypass');
    services = [...services.filter((s) => s !== catalog), await catalog.restart()];
    await until(b.url, '/api/books/bk-2', 'hit');
  });
});
