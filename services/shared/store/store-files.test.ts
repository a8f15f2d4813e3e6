import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../../test/support/http.js';
import { CsvLog } from './csv-log.js';
import { DurableStore, StoreCorrupt } from './json-store.js';
import { StorageUnavailable } from './storage-unavailable.js';

type S = { items: { id: string; n: number } };
const open = (dir: string) =>
  DurableStore.open<S>({ dir, name: 'things', collections: ['items'], validate: (_c, r) => ('n' in r ? undefined : 'has no n') });

describe('DurableStore on files that parse but are not what it wrote', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a null document', 'things.json', 'null', /things\.json holds null/],
    ['a record that is not an object', 'things.json', '{"collections":{"items":{"a":null}},"counters":{}}', /things\.json: record "a" of "items" is null/],
    ['a record the service refuses', 'things.json', '{"collections":{"items":{"a":{"id":"a"}}},"counters":{}}', /things\.json: record "a" of "items" has no n/],
    ['a journal line {}', 'things.journal', '[{"c":"items","k":"a","v":{"id":"a","n":1}}]\n{}\n', /things\.journal line 2 is not a change/],
    ['a journal record that is not an object', 'things.journal', '[{"c":"items","k":"a","v":7}]\n', /things\.journal line 1: record "a" of "items" is a number/],
  ];
  for (const [what, file, text, message] of cases) {
    it(`refuses to start on ${what}, naming the file and line, and leaves it as it was`, async () => {
      const dir = tempDataDir();
      writeFileSync(path.join(dir, file), text);
      await assert.rejects(open(dir), (e: Error) => e instanceof StoreCorrupt && message.test(e.message));
      assert.equal(readFileSync(path.join(dir, file), 'utf8'), text);
    });
  }
});

describe('CsvLog', () => {
  const columns = ['id', 'title'];

  it('cuts a torn multi-line row (a quoted title with a newline) at start, and opens again after', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'log.csv');
    const log = await CsvLog.open(file, columns);
    await log.append([{ id: 'a', title: 'one\nline two' }]);
    await log.close();
    appendFileSync(file, 'b,"torn\nhalf'); // a crash in the middle of an append
    const again = await CsvLog.open(file, columns);
    assert.deepEqual(await again.readAll(), [{ id: 'a', title: 'one\nline two' }]);
    await again.append([{ id: 'c', title: 'three' }]);
    await again.close();
    const third = await CsvLog.open(file, columns);
    assert.deepEqual((await third.readAll()).map((r) => r.id), ['a', 'c']);
    await third.close();
  });

  it('refuses a quote left open mid-file, naming its line, and keeps the whole rows after it', async () => {
    const file = path.join(tempDataDir(), 'log.csv');
    const text = 'id,title\na,x\nb,"stray\nc,y\nd,z\n'; // an edit, not a crash: c and d were acknowledged
    writeFileSync(file, text);
    await assert.rejects(CsvLog.open(file, columns), (e: Error) => e instanceof StoreCorrupt && /log\.csv line 3: .*never closed/.test(e.message));
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('cuts a row torn just after a line break inside its quoted title, as any torn last row', async () => {
    const file = path.join(tempDataDir(), 'log.csv');
    writeFileSync(file, 'id,title\na,one\nb,"torn\n'); // the crash came after the title's inner line break
    const log = await CsvLog.open(file, columns);
    assert.equal(readFileSync(file, 'utf8'), 'id,title\na,one\n');
    await log.close();
  });

  it('starts a log whose header was torn again, instead of refusing it forever', async () => {
    const file = path.join(tempDataDir(), 'log.csv');
    writeFileSync(file, 'id,ti');
    const log = await CsvLog.open(file, columns);
    await log.append([{ id: 'a', title: 'x' }]);
    await log.close();
    assert.equal(readFileSync(file, 'utf8'), 'id,title\na,x\n');
  });

  it('acknowledges no row queued behind a failed append, cuts its partial bytes, and re-arms', async () => {
    const file = path.join(tempDataDir(), 'log.csv');
    let fail = 0;
    const log = await CsvLog.open(file, columns, { write: () => (fail-- > 0 ? { bytes: 3, code: 'ENOSPC' } : undefined) });
    fail = 1;
    const outcomes = await Promise.allSettled([log.append([{ id: 'a', title: 'x' }]), log.append([{ id: 'b', title: 'y' }])]);
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
    assert.ok((outcomes[1] as PromiseRejectedResult).reason instanceof StorageUnavailable);
    for (let i = 0; i < 200 && log.stats().broken; i++) await new Promise((r) => setTimeout(r, 10));
    await log.append([{ id: 'c', title: 'z' }]);
    await log.close();
    assert.equal(readFileSync(file, 'utf8'), 'id,title\nc,z\n');
  });
});
