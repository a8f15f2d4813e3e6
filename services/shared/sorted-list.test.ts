import assert from 'node:assert/strict';
import { insertSorted, intersectSorted, isAscending, lowerBound, lowerBoundBy, removeSorted, upperBound } from './sorted-list.js';
import { smallestK } from '../catalog/top-k.js';

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

describe('lowerBound(), upperBound(), lowerBoundBy()', () => {
  it('agree with a walk from the start on random sorted lists', () => {
    const byValue = (a: { v: number }, b: { v: number }) => a.v - b.v;
    for (let round = 0; round < 500; round++) {
      const list = Array.from({ length: Math.floor(Math.random() * 12) }, () => Math.floor(Math.random() * 8)).sort((a, b) => a - b);
      const value = Math.floor(Math.random() * 10) - 1;
      const first = (test: (x: number) => boolean) => {
        const at = list.findIndex(test);
        return at === -1 ? list.length : at;
      };
      assert.equal(lowerBound(list, value), first((x) => x >= value), JSON.stringify({ list, value }));
      assert.equal(upperBound(list, value), first((x) => x > value), JSON.stringify({ list, value }));
      assert.equal(lowerBoundBy(list.map((v) => ({ v })), { v: value }, byValue), first((x) => x >= value));
    }
  });
});

describe('isAscending()', () => {
  it('is true for a list in order, equal neighbours included, and for empty and single lists', () => {
    assert.equal(isAscending([]), true);
    assert.equal(isAscending([5]), true);
    assert.equal(isAscending([1, 2, 2, 9]), true);
    assert.equal(isAscending(Int32Array.from([3, 4])), true);
  });

  it('is false as soon as one entry is below the one before, wherever it is', () => {
    assert.equal(isAscending([2, 1]), false);
    assert.equal(isAscending([1, 2, 3, 0]), false);
    assert.equal(isAscending([1, 5, 3, 7]), false);
  });
});
