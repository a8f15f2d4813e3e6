import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tempDataDir } from '../../../test/support/http.js';
import type { Faults } from './append-file.js';
import { DurableStore } from './json-store.js';
import { brokenStores } from './registry.js';
import { StorageUnavailable } from './storage-unavailable.js';

type S = { items: { id: string; n: number } };

/** Fails the next `count` writes after `bytes` bytes with `code`, and repairs while `full()` says so. */
function faultPlan(code: string, bytes: number, full: () => boolean): Faults & { writes: number } {
  const plan = {
    writes: 0,
    write: () => (plan.writes-- > 0 ? { bytes, code } : undefined),
    repair: () => (full() ? code : undefined),
  };
  return plan;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), 'condition not reached in 4 s');
}

describe('DurableStore on a failing disk', () => {
  it('acknowledges nothing queued behind a failed append, and the journal still opens (10-byte short write)', async () => {
    const dir = tempDataDir();
    const faults = faultPlan('EIO', 10, () => false);
    const store = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'], faults });
    await store.change((tx) => tx.put('items', 'before', { id: 'before', n: 0 }));
    faults.writes = 1;
    const a = store.change((tx) => tx.put('items', 'a', { id: 'a', n: 1 }));
    const b = store.change((tx) => tx.put('items', 'b', { id: 'b', n: tx.nextSeq('n') })); // queued while A's write fails
    const outcomes = await Promise.allSettled([a, b]);
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
    for (const o of outcomes) assert.ok((o as PromiseRejectedResult).reason instanceof StorageUnavailable);
    assert.equal(store.get('items', 'a'), undefined, 'a failed change is undone in memory');
    assert.equal(store.get('items', 'b'), undefined);
    await until(() => store.broken === null);
    assert.equal(readFileSync(store.journalFile, 'utf8').split('\n').length, 2, 'the partial bytes are cut off');
    await store.change((tx) => tx.put('items', 'c', { id: 'c', n: tx.nextSeq('n') }));
    await store.close();
    const again = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'] });
    assert.deepEqual([...again.values('items')].map((r) => r.id), ['before', 'c']);
    assert.equal(again.get('items', 'c')!.n, 1, 'the failed change took no sequence number');
    await again.close();
  });

  it('refuses with 503 storage-unavailable naming ENOSPC while full, reports itself broken, and writes again once space is back', async () => {
    let full = true;
    const faults = faultPlan('ENOSPC', 0, () => full);
    const store = await DurableStore.open<S>({ dir: tempDataDir(), name: 'things', collections: ['items'], faults });
    try {
      faults.writes = 1;
      const error = await store.change((tx) => tx.put('items', 'a', { id: 'a', n: 1 })).catch((e: unknown) => e);
      assert.ok(error instanceof StorageUnavailable);
      assert.equal(error.status, 503);
      assert.equal(error.type, '/problems/storage-unavailable');
      assert.match(error.detail!, /ENOSPC/);
      await new Promise((r) => setTimeout(r, 50));
      const refused = await store.change((tx) => tx.put('items', 'b', { id: 'b', n: 2 })).catch((e: unknown) => e);
      assert.ok(refused instanceof StorageUnavailable, 'still broken while the repair finds no space');
      assert.ok(brokenStores().some((b) => b.file === store.journalFile && /ENOSPC/.test(b.cause)));
      // A change that writes nothing (a login that changes no counter) is a read: still answered.
      assert.equal(await store.change((tx) => tx.get('items', 'a')?.n ?? 'none'), 'none');
      assert.equal(await store.read((tx) => tx.get('items', 'b')?.n ?? 'none'), 'none');
      full = false;
      await until(() => store.broken === null);
      await store.change((tx) => tx.put('items', 'c', { id: 'c', n: 3 }));
      assert.deepEqual(brokenStores().filter((b) => b.file === store.journalFile), []);
    } finally {
      await store.close();
    }
  });
});
