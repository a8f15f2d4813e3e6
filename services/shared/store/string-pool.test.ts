import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stringPool } from './string-pool.js';

const run = promisify(execFile);

/**
 * In a fresh process: how many strings with the probe's text are on the heap after 2000
 * equal texts, each built at run time, went through one pool and were kept. Equal strings
 * are indistinguishable in JavaScript, so the heap snapshot is the only witness of sharing.
 */
async function copiesOnHeap(): Promise<number> {
  const script = `
    import { getHeapSnapshot } from 'node:v8';
    import { stringPool } from ${JSON.stringify(new URL('./string-pool.js', import.meta.url).href)};
    const share = stringPool();
    const kept = [];
    for (let i = 0; i < 2000; i++) kept.push(share(['pool-probe-', String(i % 1), 'x'.repeat(40)].join('')));
    let json = '';
    for await (const chunk of getHeapSnapshot()) json += chunk;
    const snap = JSON.parse(json);
    const fields = snap.snapshot.meta.node_fields;
    const types = snap.snapshot.meta.node_types[0];
    const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
    let copies = 0;
    for (let n = 0; n < snap.nodes.length; n += fields.length) {
      if (types[snap.nodes[n + typeAt]] === 'string' && snap.strings[snap.nodes[n + nameAt]] === kept[0]) copies++;
    }
    process.stdout.write(String(copies)); // kept stays alive up to here
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return Number(stdout);
}

describe('stringPool()', () => {
  it('answers each text with an equal string', () => {
    const share = stringPool();
    const first = ['2026-01-01T00:00:00.000Z'].join(''); // built at run time: not a literal V8 would share anyway
    const second = ['2026-01-01T00:00:00', '.000Z'].join('');
    assert.equal(share(first), first);
    assert.equal(share(second), second); // equal text, so readers see no change
    assert.equal(share(''), '');
  });

  it('keeps one string for equal texts, however many records hold it', async function () {
    this.timeout(20_000);
    // Shared: the kept string, plus at most a temporary or two the snapshot still finds
    // (the last one built); not shared: all 2000.
    const copies = await copiesOnHeap();
    assert.ok(copies >= 1 && copies <= 3, `${copies} copies of one text on the heap`);
  });
});
