import assert from 'node:assert/strict';
import { HitCache } from './ranked-hits.js';

/** An answer of `n` positions made from `seed`, split into title and other matches. */
function answer(seed: number, n: number): { titles: Int32Array; others: Int32Array } {
  const all = Int32Array.from({ length: n }, (_, i) => (seed * 7919 + i * 104729) % 1_000_003);
  const split = Math.floor(n / 3);
  return { titles: all.slice(0, split), others: all.slice(split) };
}

/** Every position of the answer in page order: title matches ascending, then the others. */
function expected(seed: number, n: number): number[] {
  const { titles, others } = answer(seed, n);
  return [...Array.from(titles).sort((a, b) => a - b), ...Array.from(others).sort((a, b) => a - b)];
}

describe('HitCache', () => {
  it('answers every kept answer as it was put, through evictions, moves to the front and wrap-arounds', () => {
    const budget = 64 * 1024; // 14,336 positions in the arena
    const cache = new HitCache(budget);
    let seed = 3;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const sizes = new Map<string, [number, number]>();
    let hits = 0;
    for (let step = 0; step < 3000; step++) {
      const key = `q${rand(60)}`;
      const kept = cache.get(key);
      if (kept) {
        hits++;
        const [s, n] = sizes.get(key)!;
        // Deep and shallow pages, before and after the first sort.
        assert.deepEqual(kept.page(0, n), expected(s, n), `${key} at step ${step}`);
        assert.deepEqual(kept.page(Math.floor(n / 2), 7), expected(s, n).slice(Math.floor(n / 2), Math.floor(n / 2) + 7));
      } else {
        const n = 1 + rand(rand(4) === 0 ? 3000 : 300);
        const { titles, others } = answer(step, n);
        const made = cache.put(key, titles, others);
        sizes.set(key, [step, n]);
        titles.fill(-1); // the cache copied them: the caller's scratch is reused
        others.fill(-1);
        assert.deepEqual(made.page(0, 20), expected(step, n).slice(0, 20));
      }
      assert.ok(cache.bytes <= budget, `${cache.bytes} bytes kept at step ${step}`);
    }
    assert.ok(hits > 500, `answers were used again (${hits})`);
  });

  it('drops the least recently used answer first', () => {
    const cache = new HitCache(8 * 4 * 1000); // 7,000 positions: seven answers of 1,000 fill it
    const put = (key: string) => cache.put(key, new Int32Array(500), new Int32Array(500));
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) put(key);
    assert.ok(cache.get('a'), 'a is used again');
    put('h');
    assert.ok(cache.get('a'), 'a stays, though it was put first');
    assert.equal(cache.get('b'), undefined, 'b, the least recently used, went');
  });

  it('keeps no answer larger than a quarter of the arena, but answers it', () => {
    const cache = new HitCache(8 * 4 * 1000);
    const { titles, others } = answer(1, 2000);
    assert.deepEqual(cache.put('big', titles, others).page(0, 2000), expected(1, 2000));
    assert.equal(cache.get('big'), undefined);
  });
});
