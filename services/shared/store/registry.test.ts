import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDataDir } from '../../../test/support/http.js';
import { CsvLog } from './csv-log.js';
import { DurableStore } from './json-store.js';
import { onFlush, storeStats, type FlushEvent } from './registry.js';

type S = { items: { id: string } };

describe('store metrics (registry)', () => {
  it('reports each flush of a journal and a CSV log, and the stats of every open store', async () => {
    const dir = tempDataDir();
    const events: FlushEvent[] = [];
    const stop = onFlush((event) => events.push(event));
    const store = await DurableStore.open<S>({ dir, name: 'things', collections: ['items'] });
    const log = await CsvLog.open(path.join(dir, 'log.csv'), ['a']);
    try {
      await store.change((tx) => tx.put('items', 'a', { id: 'a' }));
      await log.append([{ a: 1 }]);
      const journal = events.find((e) => e.file === store.journalFile)!;
      assert.equal(journal.kind, 'journal');
      assert.equal(journal.ok, true);
      assert.ok(journal.bytes > 0 && journal.seconds >= 0);
      assert.ok(events.some((e) => e.file === log.file && e.kind === 'csv' && e.bytes === 2));
      const mine = storeStats().find((s) => s.file === store.journalFile)!;
      assert.equal(mine.flushes, 1);
      assert.equal(mine.flushSeconds.length, 1);
      assert.equal(mine.journalBytes, journal.bytes);
      assert.equal(mine.broken, null);
      assert.equal(storeStats().find((s) => s.file === log.file)!.journalBytes, 4); // "a\n1\n"
    } finally {
      stop();
      await store.close();
      await log.close();
    }
    assert.equal(storeStats().find((s) => s.file === store.journalFile), undefined, 'a closed store leaves the registry');
  });
});
