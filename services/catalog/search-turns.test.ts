import assert from 'node:assert/strict';
import { SearchTurns } from './search-turns.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SearchTurns.run()', () => {
  it('runs searches at once until the slice is spent, and the rest in arrival order in a later turn', async () => {
    let clock = 0;
    const turns = new SearchTurns(8, () => clock);
    const ran: number[] = [];
    const search = (n: number) => () => {
      ran.push(n);
      clock += 5; // each search costs 5 ms of the 8 ms slice
      return n;
    };
    const answers = [1, 2, 3, 4, 5].map((n) => turns.run(search(n)));
    assert.deepEqual(ran, [1, 2], 'the third would end past the slice');
    assert.equal(turns.waiting, 3);
    await nextTurn();
    assert.deepEqual(ran, [1, 2, 3, 4], 'one more slice');
    await nextTurn();
    assert.deepEqual(ran, [1, 2, 3, 4, 5]);
    assert.deepEqual(await Promise.all(answers), [1, 2, 3, 4, 5]);
  });

  it('rejects with the error of a search that throws, and goes on with the others', async () => {
    let clock = 0;
    const turns = new SearchTurns(8, () => clock);
    const slow = turns.run(() => (clock += 10));
    const failing = turns.run(() => {
      throw new Error('bad query');
    });
    const after = turns.run(() => 'ok');
    await assert.rejects(failing, /bad query/);
    assert.equal(await slow, 10);
    assert.equal(await after, 'ok');
  });
});
