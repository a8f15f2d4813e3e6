import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../test/support/http.js';
import { seededRandom } from '../../test/support/random.js';
import { ClosedHoldTable } from './closed-hold-table.js';
import { openLoansStore, type HoldRecord } from './store.js';
import type { HoldStatus } from './types.js';

const STATUSES: HoldStatus[] = ['waiting', 'ready', 'fulfilled', 'cancelled', 'expired'];
const iso = (ms: number) => new Date(ms).toISOString();
const T = Date.parse('2026-06-01T12:00:00.000Z');

/** A closed hold as HoldService writes one: cancelled while waiting, or after being ready. */
function hold(seq: number, rand: () => number): HoldRecord {
  const h: HoldRecord = { id: `hd-${seq}`, seq, bookId: `bk-${1 + Math.floor(rand() * 9)}`, username: `m${Math.floor(rand() * 7)}`, status: 'cancelled', createdAt: iso(T + seq * 1000) };
  if (rand() < 0.3) h.closedAt = iso(T + seq * 1000 + 5);
  else Object.assign(h, { status: STATUSES[2 + Math.floor(rand() * 3)], barcode: `BC${seq}`, readyAt: iso(T + seq), pickupBy: iso(T + seq + 9), closedAt: iso(T + seq + 7) });
  return h;
}

/** Every record the table holds, by id, as its JSON text (so the fields' order counts). */
function texts(table: { entries(): IterableIterator<[string, unknown]> }): Map<string, string> {
  return new Map([...table.entries()].map(([id, record]) => [id, JSON.stringify(record)]));
}

describe('ClosedHoldTable', () => {
  it('gives back each hold as it was set, fields in the same order', () => {
    const rand = seededRandom(3);
    const table = new ClosedHoldTable();
    const holds = Array.from({ length: 50 }, (_, i) => hold(i + 1, rand));
    holds.push({ id: 'hd-51', seq: 51, bookId: 'bk-1', username: 'm1', status: 'expired', createdAt: iso(T), readyAt: iso(T + 1) });
    for (const h of holds) table.set(h.id, h);
    assert.equal(table.size, holds.length);
    for (const h of holds) {
      assert.equal(JSON.stringify(table.get(h.id)), JSON.stringify(h));
      assert.equal(table.has(h.id), true);
    }
    assert.deepEqual(texts(table), new Map(holds.map((h) => [h.id, JSON.stringify(h)])));
    assert.deepEqual([...table.keys()], holds.map((h) => h.id));
  });

  it('keeps as it came a record the columns could not give back exactly', () => {
    const base = { id: 'hd-1', seq: 1, bookId: 'bk-1', username: 'm1', status: 'cancelled', createdAt: iso(T) };
    const odd: [string, object][] = [
      ['hd-1', { ...base, createdAt: '2026-06-01T12:00:00Z' }], // not as toISOString writes it
      ['hd-2', { ...base, id: 'hd-2' }], // seq 1 under id hd-2
      ['x-3', { ...base, id: 'x-3', seq: 3 }],
      ['hd-4', { ...base, id: 'hd-4', seq: 4, note: 'a field of its own' }],
      ['hd-5', { seq: 5, id: 'hd-5', bookId: 'bk-1', username: 'm1', status: 'cancelled', createdAt: iso(T) }], // order
      ['hd-6', { ...base, id: 'hd-6', seq: 6, barcode: undefined }],
      ['hd-7', { ...base, id: 'hd-7', seq: 7, status: 'lost' }],
      ['hd-90000000', { ...base, id: 'hd-90000000', seq: 90_000_000 }], // far past the holds there are
      ['hd-9', { id: 'hd-9', seq: 9, bookId: 'bk-1', username: 'm1', status: 'cancelled' }], // no createdAt
    ];
    const table = new ClosedHoldTable();
    for (const [id, record] of odd) table.set(id, record);
    assert.equal(table.size, odd.length);
    for (const [id, record] of odd) assert.equal(JSON.stringify(table.get(id)), JSON.stringify(record), id);
    for (const [id, record] of odd) assert.strictEqual(table.get(id), record, `${id} kept as it came`);
  });

  it('finds nothing under ids that only look like a seq', () => {
    const table = new ClosedHoldTable();
    table.set('hd-7', hold(7, seededRandom(1)));
    for (const id of ['hd-', 'hd-0', 'hd--1', 'hd-07', 'hd-7.0', 'hd-7e0', 'hd- 7', 'HD-7', 'hd-8', 'hd-70000']) {
      assert.equal(table.get(id), undefined, id);
      assert.equal(table.has(id), false, id);
      assert.equal(table.delete(id), false, id);
    }
    assert.equal(table.size, 1);
  });

  it('answers as a Map does through random sets, overwrites and deletes', () => {
    const rand = seededRandom(9);
    const table = new ClosedHoldTable();
    const map = new Map<string, HoldRecord>();
    for (let step = 0; step < 3000; step++) {
      const seq = 1 + Math.floor(rand() * 400);
      const id = rand() < 0.05 ? `odd-${seq}` : `hd-${seq}`;
      if (rand() < 0.35) assert.equal(table.delete(id), map.delete(id));
      else {
        const h = { ...hold(seq, rand), id };
        table.set(id, h);
        map.set(id, h);
      }
      if (step % 100 === 0) {
        assert.equal(table.size, map.size);
        assert.deepEqual(texts(table), texts(map));
        for (let s = 1; s <= 400; s++) assert.equal(table.has(`hd-${s}`), map.has(`hd-${s}`));
      }
    }
    assert.deepEqual(texts(table), texts(map));
  });

  it('leaves the loans snapshot as a Map of the same holds wrote it, and reads it back', async () => {
    const dir = tempDataDir();
    const rand = seededRandom(5);
    const holds = Array.from({ length: 40 }, (_, i) => hold(i + 1, rand));
    holds.push({ ...holds[0], id: 'hd-x', createdAt: '2026-06-01T12:00:00Z' });
    const store = await openLoansStore(dir);
    await store.change((tx) => holds.forEach((h) => tx.put('closedHolds', h.id, h)));
    await store.compact();
    await store.close();
    const file = JSON.parse(readFileSync(path.join(dir, 'loans.json'), 'utf8')) as { collections: { closedHolds: object } };
    assert.equal(JSON.stringify(file.collections.closedHolds), JSON.stringify(Object.fromEntries(holds.map((h) => [h.id, h]))));
    const again = await openLoansStore(dir);
    assert.deepEqual(texts({ entries: () => again.entries('closedHolds') }), new Map(holds.map((h) => [h.id, JSON.stringify(h)])));
    await again.close();
  });
});
