import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { snapshotFiles, tempDataDir } from '../../test/support/http.js';
import { seed } from './seed.js';
import { openInventoryStore } from './store.js';
import { TEST_BOOKS_CSV, tempSeedDir } from '../../test/fixtures/inventory.js';

describe('inventory seed()', () => {
  const folders: string[] = [];
  const tempDir = () => {
    const dir = tempDataDir();
    folders.push(dir);
    return dir;
  };
  const seedDirOf = (csv: string) => {
    const dir = tempSeedDir(csv);
    folders.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('creates each book\'s copies with fresh barcodes and its stock from books.csv', async () => {
    const dataDir = tempDir();
    const lines = await seed({ dataDir, seedDir: seedDirOf(TEST_BOOKS_CSV), env: {} });
    assert.deepEqual(lines, ['inventory: 4 copies and 17 units of stock for 3 books']);
    const store = await openInventoryStore(path.join(dataDir, 'inventory'));
    assert.deepEqual([...store.values('copies')].map((c) => [c.barcode, c.bookId, c.status]), [
      ['BC000001', 'bk-1', 'available'],
      ['BC000002', 'bk-1', 'available'],
      ['BC000003', 'bk-1', 'available'],
      ['BC000004', 'bk-2', 'available'],
    ]);
    assert.deepEqual([...store.values('books')].map((b) => [b.bookId, b.stock]), [['bk-1', 12], ['bk-2', 0], ['bk-3', 5]]);
    await store.close();
  });

  it('keeps existing data byte for byte on a second run', async () => {
    const dataDir = tempDir();
    const seedDir = seedDirOf(TEST_BOOKS_CSV);
    await seed({ dataDir, seedDir, env: {} });
    const store = await openInventoryStore(path.join(dataDir, 'inventory'));
    await store.change((tx) => tx.put('books', 'bk-1', { bookId: 'bk-1', stock: 1, updatedAt: new Date().toISOString() }));
    await store.close();
    const before = snapshotFiles(dataDir);
    assert.deepEqual(await seed({ dataDir, seedDir, env: {} }), ['inventory: kept existing data']);
    assert.deepEqual(snapshotFiles(dataDir), before);
  });

  it('stops on a count that is not a whole number, naming the file, line and column', async () => {
    const dataDir = tempDir();
    const csv = TEST_BOOKS_CSV.replace('bk-2,9780999900024,"Two",B,t,2002,9.99,1,0', 'bk-2,9780999900024,"Two",B,t,2002,9.99,-1,0');
    await assert.rejects(seed({ dataDir, seedDir: seedDirOf(csv), env: {} }), /books\.csv line 3 column copies: "-1"/);
    const store = await openInventoryStore(path.join(dataDir, 'inventory'));
    assert.equal(store.count('copies'), 0);
    await store.close();
  });
});
