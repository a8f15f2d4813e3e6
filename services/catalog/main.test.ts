// The real catalog process (dist/services/catalog/main.bundle.js) with the real inventory beside it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { send, tempDataDir } from '../../test/support/http.js';
import { REPO_ROOT, serviceScript, stackEnv, startProcess, stopAll, type ServiceProcess } from '../../test/support/processes.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startAccounts, type UsersUnderTest } from '../../test/fixtures/users.js';
import { seed as seedInventory } from '../inventory/seed.js';
import { seed } from './seed.js';

const SEED_DIR = path.join(REPO_ROOT, 'data/seed');

describe('catalog process', function () {
  this.timeout(60_000);
  let dataDir: string;
  let env: Record<string, string>;
  let running: ServiceProcess[];

  // Services check a token's account with users.
  let accounts: UsersUnderTest;
  before(async () => (accounts = await startAccounts({ lib: 'librarian' })));
  after(() => accounts.close());

  beforeEach(async () => {
    dataDir = tempDataDir('catalog-main-');
    await seed({ dataDir, seedDir: SEED_DIR, env: {} });
    await seedInventory({ dataDir, seedDir: SEED_DIR, env: {} });
    env = await stackEnv(dataDir, { LOG_REQUESTS: '0', USERS_URL: accounts.url });
    running = [];
  });

  afterEach(async () => {
    await stopAll(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the seeded books and asks the inventory process for stock', async () => {
    running.push(await startProcess('inventory', env), await startProcess('catalog', env));
    const url = running[1].url;
    assert.deepEqual((await send(url, 'GET', '/info/bk-1')).body, {
      id: 'bk-1',
      title: 'How to get a good grade in DOS in 40 minutes a day',
      topic: 'distributed-systems',
      price: 12.5,
      stock: 12,
    });
    assert.deepEqual((await send(url, 'GET', '/search/graduate-school')).body.items.map((b: { id: string }) => b.id).sort(), ['bk-3', 'bk-4']);
  });

  it('keeps an acknowledged book through kill -9', async () => {
    const catalog = await startProcess('catalog', env);
    running.push(catalog);
    const added = await send(catalog.url, 'POST', '/books', {
      json: { isbn: '9781617294136', title: 'Node.js in Action', authors: ['Alex Young'], topic: 'programming', price: 44.99 },
      token: await tokenFor('lib', 'librarian'),
    });
    assert.equal(added.status, 201);
    await catalog.kill9();
    const again = await catalog.restart();
    running = [again];
    assert.deepEqual((await send(again.url, 'GET', `/books/${added.body.id}`)).body, added.body);
    assert.equal((await send(again.url, 'GET', '/books?q=node.js')).body.items[0].id, added.body.id);
  });

  it('refuses to start on a snapshot that does not parse, naming the file', () => {
    const file = path.join(dataDir, 'catalog/books.json');
    writeFileSync(file, '{"collections": {"books": {');
    const result = spawnSync(process.execPath, [serviceScript('catalog')], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 15_000 });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /catalog: cannot start: .*books\.json is not valid JSON/);
  });
});
