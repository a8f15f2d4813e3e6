import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { tempDataDir } from '../../test/support/http.js';
import { BookIndex, outOfOrder } from './book-index.js';
import { openInventoryStore } from './store.js';

describe('BookIndex', () => {
  it('pages books in natural order, whether loaded or added later', async () => {
    const dir = tempDataDir();
    const store = await openInventoryStore(dir);
    const now = new Date().toISOString();
    await store.change((tx) => {
      for (const bookId of ['bk-10', 'bk-2', 'bk-1']) tx.put('books', bookId, { bookId, stock: 0, updatedAt: now });
      tx.put('copies', 'BC000002', { barcode: 'BC000002', bookId: 'bk-2', status: 'available', updatedAt: now });
      tx.put('copies', 'BC000001', { barcode: 'BC000001', bookId: 'bk-2', status: 'available', updatedAt: now });
    });
    const index = BookIndex.build(store);
    index.addBook('bk-3');
    index.addCopy('bk-11', 'BC000003');
    assert.deepEqual(index.page(0, 10), ['bk-1', 'bk-2', 'bk-3', 'bk-10', 'bk-11']);
    assert.deepEqual(index.page(1, 2), ['bk-2', 'bk-3']);
    assert.deepEqual(index.barcodes('bk-2'), ['BC000001', 'BC000002']);
    assert.deepEqual(index.barcodes('bk-11'), ['BC000003']);
    assert.equal(index.size, 5);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells two names apart by their numbers exactly as the collator does', () => {
    const collator = new Intl.Collator('en', { numeric: true }).compare;
    const names = ['bk-1', 'bk-2', 'bk-10', 'bk-01', 'bk-001', 'bk-0', 'bk-00', 'bk-', 'bk', 'bk-9', 'bk-19', 'bk-91', 'BC000001', 'BC000010', 'BC1000000', 'bc000002', 'BK-3', 'bk-3a', 'a1b2', 'a1b10', 'a2b1', '7', '10', '007', '', 'x-12345678901234567890', 'x-12345678901234567891', 'x-9', 'é-1', 'e-2', 'bk-１'];
    for (const a of names) for (const b of names) assert.equal(outOfOrder(a, b), collator(a, b) > 0, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  });
});
