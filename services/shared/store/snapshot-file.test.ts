import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../../test/support/http.js';
import { checkSnapshot } from './journal-format.js';
import { readLines, readSnapshot, StoreCorrupt } from './snapshot-file.js';
import { writeSnapshotInSlices } from './snapshot-writer.js';

type Records = Record<string, Record<string, unknown>>;

/** What reading the whole text with JSON.parse gives (the reader must agree), or 'refused'. */
function reference(text: string): { records: Records; counters: Record<string, number> } | 'refused' {
  try {
    const data = JSON.parse(text);
    if (data === null) return 'refused';
    const snapshot = checkSnapshot(data, 'file');
    const records: Records = {};
    for (const [name, list] of Object.entries(snapshot.collections)) records[name] = { ...list };
    return { records, counters: snapshot.counters };
  } catch {
    return 'refused';
  }
}

async function read(file: string, chunkBytes?: number) {
  const records: Records = {};
  const order: string[] = [];
  try {
    const sink = {
      collection: (name: string) => void (records[name] ??= {}),
      record: (collection: string, id: string, record: unknown) => {
        records[collection][id] = record;
        order.push(`${collection}/${id}`);
      },
    };
    const result = await readSnapshot(file, sink, chunkBytes);
    if (!result) return { outcome: 'absent' as const };
    return { outcome: { records, counters: result.counters }, order, bytes: result.bytes };
  } catch (error) {
    assert.ok(error instanceof StoreCorrupt, `not a StoreCorrupt: ${(error as Error).stack}`);
    assert.ok((error as Error).message.includes(file), 'the message names the file');
    return { outcome: 'refused' as const };
  }
}

// Strings that end in backslashes, quotes and braces inside strings, characters of 2, 3 and 4 bytes.
const tricky = {
  items: {
    a: { id: 'a', title: 'say "hi" {not an object} [nor a list], really: yes', n: 1 },
    'b\\': { id: 'b\\', path: 'C:\\dir\\', nested: { deeper: [1, [2, { three: '}' }]], empty: {}, none: [] } },
    'é"ü': { id: 'é"ü', title: 'Ærø, naïve café — 日本語 😀', flags: [true, false, null], price: -12.5e-1 },
    '7': { id: '7', escapes: '\u0000\u001f\n\t\\"/' },
  },
  empty: {},
  others: { x: { v: 'a'.repeat(300) } },
};

describe('readSnapshot', () => {
  it('reads back what the snapshot writer wrote, record by record in the file order, whatever the chunk size', async () => {
    const file = path.join(tempDataDir(), 'things.json');
    const views = Object.entries(tricky).map(([name, records]) => ({ name, ids: Object.keys(records), valueOf: (id: string) => (records as Record<string, unknown>)[id] }));
    const size = await writeSnapshotInSlices(file, views, { thing: 4 });
    const text = readFileSync(file, 'utf8');
    const fileOrder = views.flatMap((view) => view.ids.map((id) => `${view.name}/${id}`));
    for (const chunk of [1, 2, 3, 7, 64, undefined]) {
      const got = await read(file, chunk);
      assert.deepEqual(got.outcome, reference(text), `chunks of ${chunk}`);
      assert.deepEqual(got.order, fileOrder, `chunks of ${chunk}`);
      assert.equal(got.bytes, size);
    }
  });

  it('reads runs of many records together as it reads each alone: same records, same order, across chunks and runs', async () => {
    const file = path.join(tempDataDir(), 'things.json');
    const many = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [i % 7 === 0 ? String(i) : `id-${i}é"${'\\'.repeat(i % 3)}`, { ...tricky.items.a, i, s: '}'.repeat(i % 5) + ':,'.repeat(i % 4) }]));
    const views = Object.entries({ ...tricky, many }).map(([name, records]) => ({ name, ids: Object.keys(records), valueOf: (id: string) => (records as Record<string, unknown>)[id] }));
    await writeSnapshotInSlices(file, views, {});
    const text = readFileSync(file, 'utf8');
    const fileOrder = views.flatMap((view) => view.ids.map((id) => `${view.name}/${id}`));
    for (const chunk of [1000, 70_000, undefined]) {
      const got = await read(file, chunk);
      assert.deepEqual(got.outcome, reference(text), `chunks of ${chunk}`);
      assert.deepEqual(got.order, fileOrder, `chunks of ${chunk}`);
    }
  });

  it('answers null when there is no file', async () => {
    assert.deepEqual(await read(path.join(tempDataDir(), 'none.json')), { outcome: 'absent' });
  });

  it('refuses exactly what JSON.parse refuses, on every truncation, deleted byte and inserted character of a snapshot', async () => {
    const dir = tempDataDir();
    const valid = JSON.stringify({ collections: { items: { a: { t: 'x"}', n: [1, { m: null }] }, 'b\\': { t: 'é' } }, empty: {} }, counters: { s: 2 } });
    const texts = new Set<string>([' ', '', 'null', '[]', '7', '"x"', '{}', '{"collections":[]}', '{"collections":{"items":[]}}', '{"collections":{},"counters":{"a":1.5}}', `${valid} x`, ` ${valid}\n`]);
    for (let i = 0; i < valid.length; i++) {
      texts.add(valid.slice(0, i));
      texts.add(valid.slice(0, i) + valid.slice(i + 1));
      for (const c of [',', ':', '}', ']', '"', '\\', 'x']) texts.add(valid.slice(0, i) + c + valid.slice(i));
    }
    const file = path.join(dir, 'things.json');
    let accepted = 0;
    for (const text of texts) {
      writeFileSync(file, text);
      const expected = reference(text);
      if (expected !== 'refused') accepted++;
      // Chunks of 5 bytes hold a record at most (read alone); 1 MiB holds the whole file (runs of records read together).
      for (const chunk of [5, undefined]) assert.deepEqual((await read(file, chunk)).outcome, expected, `${JSON.stringify(text)} in chunks of ${chunk}`);
    }
    assert.ok(accepted > 20, 'some mutations still parse, and are read the same');
  });
});

describe('readLines', () => {
  it('gives every whole line once, across chunk boundaries, and the length of the whole lines', async () => {
    const file = path.join(tempDataDir(), 'things.journal');
    const text = '[1]\n["é😀"]\n\n["a long line of its own"]\n[2]\n[torn';
    writeFileSync(file, text);
    for (const chunk of [1, 2, 5, undefined]) {
      const lines: string[] = [];
      const complete = await readLines(file, (line, number) => lines.push(`${number}:${line}`), chunk);
      assert.deepEqual(lines, ['1:[1]', '2:["é😀"]', '3:', '4:["a long line of its own"]', '5:[2]'], `chunks of ${chunk}`);
      assert.equal(complete, Buffer.byteLength(text) - '[torn'.length);
    }
  });
});
