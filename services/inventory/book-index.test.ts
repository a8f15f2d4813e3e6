import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { tempDataDir } from '../../test/support/http.js';
import { systemClock } from '../shared/clock.js';
import type { Faults } from '../shared/store/append-file.js';
import { DurableStore } from '../shared/store/json-store.js';
import { BookIndex, outOfOrder } from './book-index.js';
import { InventoryService } from './service.js';
import { COLLECTIONS, openInventoryStore, type InventorySchema, type InventoryStore } from './store.js';
import { TakeTracker } from './take-tracker.js';

/** 3,001 books of 2 copies each, each book's put in out of order, a third copy of bk-1 put last, and a copy of bk-3005, which has no book record. */
async function storeOfMany(): Promise<{ store: InventoryStore; dir: string }> {
  const dir = tempDataDir();
  const store = await openInventoryStore(dir);
  const now = new Date().toISOString();
  await store.change((tx) => {
    for (let n = 3001; n >= 1; n--) tx.put('books', `bk-${n}`, { bookId: `bk-${n}`, stock: n % 5, updatedAt: now });
    for (let n = 1; n <= 6002; n++) {
      const barcode = `BC${String(6003 - n).padStart(6, '0')}`;
      tx.put('copies', barcode, { barcode, bookId: `bk-${Math.ceil(n / 2)}`, status: 'available', updatedAt: now });
    }
    tx.put('copies', 'BC900100', { barcode: 'BC900100', bookId: 'bk-3005', status: 'available', updatedAt: now }); // a copy of a book with no record
    tx.put('copies', 'BC000000', { barcode: 'BC000000', bookId: 'bk-1', status: 'available', updatedAt: now }); // added to bk-1 later
  });
  return { store, dir };
}

/** What the index must answer, worked out the plain way: every book id and each one's barcodes, in natural order. */
function plainly(store: InventoryStore) {
  const natural = new Intl.Collator('en', { numeric: true }).compare;
  const copiesOf = new Map<string, string[]>([...store.values('books')].map((book) => [book.bookId, []]));
  for (const copy of store.values('copies')) copiesOf.set(copy.bookId, [...(copiesOf.get(copy.bookId) ?? []), copy.barcode]);
  const order = [...copiesOf.keys()].sort(natural);
  return { size: order.length, order, barcodes: order.map((bookId) => copiesOf.get(bookId)!.sort(natural)) };
}

/** Everything the index answers, to compare two of them. */
function contents(index: BookIndex) {
  const order = index.page(0, index.size);
  return { size: index.size, order, barcodes: order.map((bookId) => index.barcodes(bookId)) };
}

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

  it('fills itself after it is made, a slice at a time, to what build() makes at once', async () => {
    const { store, dir } = await storeOfMany();
    const index = BookIndex.inBackground(store, 0);
    assert.equal(index.filled, false);
    let turns = 0;
    while (!index.filled && turns < 10_000) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    assert.ok(index.filled && turns > 3, `filled in ${turns} turns of the loop`);
    assert.deepEqual(contents(index), plainly(store));
    assert.deepEqual(contents(BookIndex.build(store)), plainly(store));
    assert.deepEqual(index.page(0, 3), ['bk-1', 'bk-2', 'bk-3']);
    assert.deepEqual(index.barcodes('bk-1'), ['BC000000', 'BC006001', 'BC006002']);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the fill before it answers or takes a write, whenever that comes', async () => {
    const { store, dir } = await storeOfMany();
    const whole = plainly(store);
    const asked = BookIndex.inBackground(store, 0);
    assert.deepEqual(contents(asked), whole);
    const written = BookIndex.inBackground(store, 0);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written.filled, false);
    written.addCopy('bk-3002', 'BC900000');
    written.addCopy('bk-2', 'BC900001');
    assert.equal(written.filled, true);
    assert.deepEqual(written.page(2999, 10), ['bk-3000', 'bk-3001', 'bk-3002', 'bk-3005']);
    assert.deepEqual(written.barcodes('bk-2'), [...whole.barcodes[1], 'BC900001']);
    assert.equal(written.size, 3003);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells two names apart by their numbers exactly as the collator does', () => {
    const collator = new Intl.Collator('en', { numeric: true }).compare;
    const names = ['bk-1', 'bk-2', 'bk-10', 'bk-01', 'bk-001', 'bk-0', 'bk-00', 'bk-', 'bk', 'bk-9', 'bk-19', 'bk-91', 'BC000001', 'BC000010', 'BC1000000', 'bc000002', 'BK-3', 'bk-3a', 'a1b2', 'a1b10', 'a2b1', '7', '10', '007', '', 'x-12345678901234567890', 'x-12345678901234567891', 'x-9', 'é-1', 'e-2', 'bk-１'];
    for (const a of names) for (const b of names) assert.equal(outOfOrder(a, b), collator(a, b) > 0, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  });
});

describe('BookIndex after an add that a failed flush undid', () => {
  it('forgets the copies and the book the store took back, so the book reads as stored and the next add is whole', async () => {
    // The disk is full for the second add's flush; then it has room again.
    let full = false;
    const faults = { write: () => (full ? { bytes: 0, code: 'ENOSPC' } : undefined), repair: () => (full ? 'ENOSPC' : undefined) };
    const store = (await DurableStore.open<InventorySchema>({ dir: tempDataDir(), name: 'inventory', collections: COLLECTIONS, faults: faults as Faults })) as InventoryStore;
    const ctx = { store, books: BookIndex.inBackground(store, 0), takes: TakeTracker.build(store), takeTimeoutMs: 1000, now: systemClock };
    const service = new InventoryService(ctx, { getBook: async (id: string) => ({ id }) as never });
    try {
      await service.addCopies('bk-1', 1);
      full = true;
      await assert.rejects(service.addCopies('bk-1', 2));
      await assert.rejects(service.setStock('bk-2', 5));
      assert.equal(store.count('copies'), 1, 'the store undid the two copies');
      full = false;
      for (let i = 0; i < 200 && store.broken; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(service.get('bk-1').copies, { total: 1, available: 1 });
      assert.throws(() => service.get('bk-2'), /bk-2/, 'no book is left behind by the undone stock');
      await service.addCopies('bk-1', 2);
      const barcodes = service.get('bk-1').barcodes.map((copy) => copy.barcode);
      assert.equal(new Set(barcodes).size, 3, `three distinct copies: ${barcodes.join(', ')}`);
    } finally {
      ctx.books.stop();
      await store.close();
    }
  });
});
