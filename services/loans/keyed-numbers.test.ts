import assert from 'node:assert/strict';
import { seededRandom } from '../../test/support/random.js';
import { hash, KeyedNumbers } from './keyed-numbers.js';

describe('KeyedNumbers', () => {
  it('finds what a Map of text to number finds through random sets, replacements and deletes, and grows', () => {
    const rand = seededRandom(21);
    // The records the numbers stand for: a number's text, as long as its record exists.
    const records = new Map<number, string>();
    const table = new KeyedNumbers((n) => records.get(n));
    const map = new Map<string, number>();
    const once = new Map<string, number[]>();
    const keys = Array.from({ length: 3000 }, (_, i) => `BC${String(i).padStart(6, '0')}`);
    let next = 1;
    for (let step = 0; step < 20_000; step++) {
      const key = keys[Math.floor(rand() * (step < 10_000 ? keys.length : 600))];
      if (rand() < 0.55) {
        const n = next++;
        records.set(n, key);
        once.set(key, [...(once.get(key) ?? []), n]);
        table.set(key, n);
        map.set(key, n);
      } else {
        // A record goes, then its number is unfiled (as LoanIndex hears of a closed loan); or a
        // number once filed under the text and replaced since, or never filed, is asked to go,
        // and nothing goes.
        const filed = map.get(key);
        const before = once.get(key) ?? [];
        const n = filed !== undefined && rand() < 0.7 ? filed : rand() < 0.5 && before.length > 0 ? before[Math.floor(rand() * before.length)] : next + 7;
        const removes = map.get(key) === n;
        if (removes) records.delete(n);
        assert.equal(table.delete(key, n), removes, `${key} ${n}`);
        if (removes) map.delete(key);
      }
      if (step % 500 === 0) for (const k of keys) assert.equal(table.get(k), map.get(k), k);
    }
    for (const k of keys) assert.equal(table.get(k), map.get(k), k);
    assert.equal(table.size, map.size);
  });

  it('shifts back entries whose probe wrapped past the table\'s end when one before them goes', () => {
    // Texts whose home is one of the last slots of the first table (1,024) or the first: their
    // probes run over the end and on from slot 0.
    const candidates = Array.from({ length: 200_000 }, (_, i) => `BC${i}`);
    const near = candidates.filter((k) => (hash(k) & 1023) >= 1016).slice(0, 30);
    const start = candidates.filter((k) => (hash(k) & 1023) <= 4).slice(0, 10);
    const rand = seededRandom(8);
    for (let round = 0; round < 50; round++) {
      const records = new Map<number, string>();
      const table = new KeyedNumbers((n) => records.get(n));
      const map = new Map<string, number>();
      const keys = [...near, ...start].sort(() => rand() - 0.5);
      keys.forEach((key, i) => {
        records.set(i + 1, key);
        table.set(key, i + 1);
        map.set(key, i + 1);
      });
      for (const key of keys.sort(() => rand() - 0.5).slice(0, 20)) {
        const n = map.get(key)!;
        records.delete(n);
        assert.equal(table.delete(key, n), true);
        map.delete(key);
        for (const k of keys) assert.equal(table.get(k), map.get(k), k);
      }
    }
  });

  it('refuses numbers an Int32Array cannot hold, and 0 (an empty slot)', () => {
    const table = new KeyedNumbers(() => 'x');
    for (const n of [0, -1, 1.5, 2 ** 31, NaN]) assert.throws(() => table.set('x', n), RangeError, String(n));
  });
});
