import assert from 'node:assert/strict';
import { insertSorted, intersectSorted, removeSorted } from './sorted-list.js';
import { smallestK } from './top-k.js';

describe('sorted slot lists', () => {
  it('insert keeps order and refuses duplicates; remove says whether it found the value', () => {
    const list: number[] = [];
    for (const value of [5, 1, 9, 5, 3, 9]) insertSorted(list, value);
    assert.deepEqual(list, [1, 3, 5, 9]);
    assert.equal(removeSorted(list, 4), false);
    assert.equal(removeSorted(list, 5), true);
    assert.deepEqual(list, [1, 3, 9]);
  });

  it('intersects by walking both lists, or by looking up when one is far longer', () => {
    const long = Array.from({ length: 1000 }, (_, i) => i * 2);
    assert.deepEqual(intersectSorted([1, 2, 3, 4, 6], [2, 4, 5, 6, 7]), [2, 4, 6]);
    assert.deepEqual(intersectSorted([3, 4, 1998, 2001], long), [4, 1998]);
    assert.deepEqual(intersectSorted([], long), []);
  });
});

describe('smallestK()', () => {
  it('gives the k smallest ascending, by heap or by sort', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    assert.deepEqual(smallestK(values, 5), [0, 1, 2, 3, 4]);
    assert.deepEqual(smallestK(values, 1000), Array.from({ length: 1000 }, (_, i) => i));
    assert.deepEqual(smallestK([3, 1, 2], 10), [1, 2, 3]);
    assert.deepEqual(smallestK(values, 0), []);
  });
});
