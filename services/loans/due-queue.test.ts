// DueQueue against a sorted array of {due, n}: the same loans taken in the same order after
// inserts, removals and takes, through growth and the front's room being taken back.
import assert from 'node:assert/strict';
import { seededRandom } from '../../test/support/random.js';
import { DueQueue } from './due-queue.js';

describe('DueQueue', () => {
  const byDue = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

  it('takes loans in (due, number) order as a sorted list of every change would', () => {
    const rand = seededRandom(5);
    const start: [number, number][] = Array.from({ length: 40 }, (_, i) => [Math.floor(rand() * 50), i + 1]);
    const queue = new DueQueue(start.map(([due]) => due), start.map(([, n]) => n));
    let reference = [...start].sort(byDue);
    let next = 1000;
    let now = 0;
    for (let round = 0; round < 300; round++) {
      const roll = rand();
      if (roll < 0.45) {
        const entry: [number, number] = [now + Math.floor(rand() * 60), next++];
        queue.insert(...entry);
        reference.push(entry);
        reference.sort(byDue);
      } else if (roll < 0.7 && reference.length > 0) {
        const [due, n] = reference[Math.floor(rand() * reference.length)];
        assert.equal(queue.remove(due, n), true);
        assert.equal(queue.remove(due, n), false, 'removed twice');
        reference = reference.filter((e) => e[1] !== n);
      } else {
        now += Math.floor(rand() * 5);
        const due = reference.filter(([d]) => d < now).map(([, n]) => n);
        assert.deepEqual(queue.takeBefore(now), due);
        reference = reference.filter(([d]) => d >= now);
      }
      assert.equal(queue.size, reference.length);
      const [dues, ns] = queue.entries();
      assert.deepEqual([...dues].map((d, i) => [d, ns[i]]), reference);
    }
  });

  it('keeps loans due at the same time apart by number, and a loan given twice once', () => {
    const queue = new DueQueue([5, 5, 3], [9, 2, 7]);
    queue.insert(5, 4);
    queue.insert(5, 4);
    assert.equal(queue.remove(5, 3), false);
    assert.deepEqual(queue.takeBefore(6), [7, 2, 4, 9]);
    assert.equal(queue.size, 0);
  });
});
