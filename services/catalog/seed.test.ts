import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { listen, send, snapshotFiles, tempDataDir } from '../../test/support/http.js';
import { REPO_ROOT } from '../../test/support/processes.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { createApp } from './app.js';
import { seed } from './seed.js';
import { openCatalogStore } from './store.js';
import { CLOSED_PORT_URL, tempSeedDir } from '../../test/fixtures/catalog.js';

const SEED_DIR = path.join(REPO_ROOT, 'data/seed');
const seedRows = readFileSync(path.join(SEED_DIR, 'books.csv'), 'utf8').trim().split('\n').length - 1;

describe('catalog seed()', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = tempDataDir('catalog-seed-')));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the books from data/seed/books.csv into a snapshot', async () => {
    const [line] = await seed({ dataDir, seedDir: SEED_DIR, env: {} });
    assert.match(line, new RegExp(`^catalog: ${seedRows} books from .*data/seed/books\\.csv$`));
    const snapshot = JSON.parse(readFileSync(path.join(dataDir, 'catalog/books.json'), 'utf8'));
    assert.equal(Object.keys(snapshot.collections.books).length, seedRows);
    assert.equal(snapshot.collections.books['bk-1'].title, 'How to get a good grade in DOS in 40 minutes a day');
    assert.equal(existsSync(path.join(dataDir, 'catalog/service.lock')), false);
  });

  it('keeps existing data, byte for byte, and says how many books it holds', async () => {
    await seed({ dataDir, seedDir: SEED_DIR, env: {} });
    const before = snapshotFiles(dataDir);
    assert.deepEqual(await seed({ dataDir, seedDir: SEED_DIR, env: {} }), [`catalog: kept existing data (${seedRows} books)`]);
    assert.deepEqual(snapshotFiles(dataDir), before);
  });

  it('keeps a catalog whose books were all deleted', async () => {
    const store = await openCatalogStore(path.join(dataDir, 'catalog'));
    await store.close();
    assert.deepEqual(await seed({ dataDir, seedDir: SEED_DIR, env: {} }), ['catalog: kept existing data (0 books)']);
  });

  it('leaves the numbering so that the next book is bk-(N+1)', async () => {
    await seed({ dataDir, seedDir: SEED_DIR, env: {} });
    const store = await openCatalogStore(path.join(dataDir, 'catalog'));
    const inventory = new InventoryClient(new ServiceClient('inventory', CLOSED_PORT_URL, 1000, testTokens.serviceToken('catalog')));
    const server = await listen(createApp({ store, inventory, tokens: testTokens, log: () => {}, logRequests: false }));
    try {
      const reply = await send(server.url, 'POST', '/books', {
        json: { isbn: '9781617294136', title: 'Node.js in Action', authors: ['Alex Young'], topic: 'programming', price: 44.99 },
        token: await tokenFor('lib', 'librarian'),
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.id, `bk-${seedRows + 1}`);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('stops on a bad row, naming the file and line, and writes no books', async () => {
    const seedDir = tempSeedDir(['id,isbn,title,authors,topic,year,price,copies,stock', 'bk-1,9780132350884,"A","B",t,2000,1,1,1', 'bk-2,9780132350885,"C","D",t,2000,1,1,1'].join('\n'));
    try {
      await assert.rejects(seed({ dataDir, seedDir, env: {} }), /books\.csv line 3: .*isbn/);
      assert.equal(existsSync(path.join(dataDir, 'catalog/books.journal')), false);
    } finally {
      rmSync(seedDir, { recursive: true, force: true });
    }
  });
});
