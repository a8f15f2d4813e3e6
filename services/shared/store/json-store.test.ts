import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../../test/support/http.js';
import { DurableStore, StoreCorrupt } from './json-store.js';

type S = { items: { id: string; n: number } };

describe('DurableStore', () => {
  it('keeps acknowledged changes across a reopen, from the journal alone', async () => {
    const dir = tempDataDir();
    const store = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'] });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.change((tx) => tx.put('items', `i${i}`, { id: `i${i}`, n: tx.nextSeq('item') }))),
    );
    await store.close();
    const again = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'] });
    assert.equal(again.count('items'), 50);
    assert.deepEqual([...again.values('items')].map((r) => r.n).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
    await again.close();
  });

  it('applies nothing when the change function throws, and rejects (never throws) with what it threw', async () => {
    const store = await DurableStore.open<S>({ dir: tempDataDir(), name: 'things', collections: ['items'] });
    let answer!: Promise<unknown>;
    assert.doesNotThrow(() => {
      answer = store.change((tx) => {
        tx.put('items', 'a', { id: 'a', n: 1 });
        throw new Error('refused');
      });
    });
    await assert.rejects(answer, /refused/);
    assert.equal(store.get('items', 'a'), undefined);
    await store.close();
  });

  it('answers a read-only change and read() only once what they saw is durable', async () => {
    const store = await DurableStore.open<S>({ dir: tempDataDir(), name: 'things', collections: ['items'] });
    const order: string[] = [];
    const write = store.change((tx) => tx.put('items', 'a', { id: 'a', n: 1 })).then(() => order.push('write'));
    const viaChange = store.change((tx) => tx.get('items', 'a')?.n).then((n) => order.push(`change saw ${n}`));
    const viaRead = store.read((tx) => tx.get('items', 'a')?.n).then((n) => order.push(`read saw ${n}`));
    await Promise.all([write, viaChange, viaRead]);
    assert.deepEqual(order, ['write', 'change saw 1', 'read saw 1']);
    await store.close();
  });

  it('freezes stored records when asked (and under NODE_ENV=test), so a stray mutation throws', async () => {
    const dir = tempDataDir();
    const store = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'], freeze: true });
    await store.change((tx) => tx.put('items', 'a', { id: 'a', n: 1 }));
    assert.throws(() => {
      (store.get('items', 'a') as { n: number }).n = 2;
    }, TypeError);
    await store.close();
    const again = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'], freeze: true });
    assert.ok(Object.isFrozen(again.get('items', 'a')), 'records read back at start are frozen too');
    await again.close();
  });

  it('freezes records in every test run without being asked (mocha sets NODE_ENV=test), so a stray mutation throws', async () => {
    assert.equal(process.env.NODE_ENV, 'test', 'test/support/mocha-setup.js did not run');
    const store = await DurableStore.open<S>({ dir: tempDataDir(), name: 'things', collections: ['items'] });
    const record = { id: 'a', n: 1 };
    await store.change((tx) => tx.put('items', 'a', record));
    assert.throws(() => {
      record.n = 2;
    }, TypeError, 'the object handed to put is the stored one: changing it afterwards must throw');
    assert.equal(store.get('items', 'a')?.n, 1);
    await store.close();
  });

  it('compacts into a snapshot that parses, and empties the journal', async () => {
    const dir = tempDataDir();
    const store = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'], compactAfterBytes: 1000 });
    for (let i = 0; i < 100; i++) await store.change((tx) => tx.put('items', `i${i % 10}`, { id: `i${i % 10}`, n: i }));
    await store.compact();
    const snapshot = JSON.parse(readFileSync(path.join(dir, 'things.json'), 'utf8'));
    assert.equal(Object.keys(snapshot.collections.items).length, 10);
    assert.equal(readFileSync(path.join(dir, 'things.journal'), 'utf8'), '');
    await store.close();
  });

  it('drops a torn last journal line, which was never acknowledged', async () => {
    const dir = tempDataDir();
    const store = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'] });
    await store.change((tx) => tx.put('items', 'a', { id: 'a', n: 1 }));
    await store.close();
    appendFileSync(path.join(dir, 'things.journal'), '[{"c":"items","k":"b","v":{"id"');
    const again = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'] });
    assert.equal(again.count('items'), 1);
    await again.close();
  });

  it('refuses to start on a snapshot that does not parse, naming the file', async () => {
    const dir = tempDataDir();
    writeFileSync(path.join(dir, 'things.json'), '{"collections": {');
    await assert.rejects(
      DurableStore.open<S>({ dir, name: 'things', collections: ['items'] }),
      (error: Error) => error instanceof StoreCorrupt && error.message.includes('things.json'),
    );
    assert.equal(readFileSync(path.join(dir, 'things.json'), 'utf8'), '{"collections": {');
  });
});
