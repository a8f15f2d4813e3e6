import assert from 'node:assert/strict';
import { NextBatch } from './next-batch.js';

/** A send that records each batch and holds it until released. */
function heldSend() {
  const batches: string[][] = [];
  const releases: (() => void)[] = [];
  const send = (batch: Map<string, number>) => {
    batches.push([...batch.keys()]);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  return { batches, releases, send };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('NextBatch', () => {
  it('sends an item at once at rest, and what comes while a batch is out together in the next', async () => {
    const { batches, releases, send } = heldSend();
    const pipe = new NextBatch(send);
    pipe.add('a', 1);
    assert.deepEqual(batches, [], 'sent before the caller finished its turn');
    await turn();
    assert.deepEqual(batches, [['a']]);
    pipe.add('b', 1);
    pipe.add('c', 1);
    pipe.add('b', 2); // already queued: keeps its place
    await turn();
    assert.deepEqual(batches, [['a']], 'a second batch went out while the first was');
    releases[0]();
    await turn();
    assert.deepEqual(batches, [['a'], ['b', 'c']]);
    releases[1]();
    await pipe.idle();
  });

  it('settles idle() only once everything added so far is sent, leftovers beyond max included', async () => {
    const { batches, releases, send } = heldSend();
    const pipe = new NextBatch(send, 2);
    for (const key of ['a', 'b', 'c', 'd', 'e']) pipe.add(key, 0);
    let idle = false;
    void pipe.idle().then(() => (idle = true));
    for (let i = 0; i < 3; i++) {
      await turn();
      assert.equal(idle, false, `idle after ${i} of 3 batches`);
      releases[i]();
    }
    await turn();
    assert.equal(idle, true);
    assert.deepEqual(batches, [['a', 'b'], ['c', 'd'], ['e']]);
    assert.deepEqual([...pipe.keys()], []);
  });

  it('goes on after a send that throws', async () => {
    const sent: string[][] = [];
    const pipe = new NextBatch<string, number>(async (batch) => {
      sent.push([...batch.keys()]);
      if (sent.length === 1) throw new Error('boom');
    });
    pipe.add('a', 0);
    await pipe.idle();
    pipe.add('b', 0);
    await pipe.idle();
    assert.deepEqual(sent, [['a'], ['b']]);
  });
});
