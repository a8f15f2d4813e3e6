import assert from 'node:assert/strict';
import { GramNumbers, TrigramIndex } from './trigram-index.js';

/** Slots whose text holds the needle, by brute force: what candidates() must include. */
function holding(texts: Map<number, string>, needle: string): number[] {
  return [...texts].filter(([, text]) => text.includes(needle)).map(([slot]) => slot).sort((a, b) => a - b);
}

function includesAll(found: ArrayLike<number> | null, wanted: number[]): void {
  assert.ok(found, 'expected a candidate list');
  const set = new Set(Array.from(found));
  for (const slot of wanted) assert.ok(set.has(slot), `slot ${slot} missing from the candidates`);
  const list = Array.from(found);
  assert.deepEqual(list, [...list].sort((a, b) => a - b), 'candidates are ascending');
}

describe('TrigramIndex', () => {
  // Slots far apart, so packed gaps take one to three bytes.
  const slots = [0, 1, 2, 127, 128, 300, 16_383, 16_384, 70_000, 2_100_000];
  const words = ['data', 'database', 'metadata', 'systems', 'distributed data', 'zebra', 'dat a', 'datum'];
  const texts = new Map(slots.map((slot, i) => [slot, `${words[i % words.length]} ${i}`]));

  function build(): TrigramIndex {
    const index = new TrigramIndex();
    const top = Math.max(...slots) + 1;
    index.addAll(top, (slot) => texts.get(slot) ?? '');
    return index;
  }

  it('finds every slot holding a needle among the lists packed at start-up', () => {
    const index = build();
    for (const needle of ['data', 'atab', 'systems', 'zeb', 'dat', 'tum', 'a 1']) includesAll(index.candidates(needle), holding(texts, needle));
    assert.deepEqual(Array.from(index.candidates('xyz')!), []);
    assert.equal(index.candidates('da'), null, 'too short for trigrams: every slot is a candidate');
  });

  it('keeps the packed lists right through later adds and removes', () => {
    const index = build();
    const live = new Map(texts);
    index.remove(16_384, live.get(16_384)!);
    live.delete(16_384);
    index.add(5, 'data lake');
    live.set(5, 'data lake');
    index.add(3_000_000, 'database internals');
    live.set(3_000_000, 'database internals');
    index.remove(2_100_000, live.get(2_100_000)!);
    live.delete(2_100_000);
    for (const needle of ['data', 'lake', 'base', 'internals', 'zebra', 'systems']) {
      const found = Array.from(index.candidates(needle) ?? []);
      includesAll(found, holding(live, needle));
      for (const slot of found) assert.ok(live.has(slot), `removed slot ${slot} still a candidate for "${needle}"`);
    }
  });

  it('forgets a trigram once its last slot is removed', () => {
    const index = new TrigramIndex();
    index.addAll(2, (slot) => ['qqq', 'www'][slot]);
    index.remove(0, 'qqq');
    assert.deepEqual(Array.from(index.candidates('qqq')!), []);
    index.add(7, 'qqq');
    assert.deepEqual(Array.from(index.candidates('qqq')!), [7]);
  });

  it('gives the same lists when one numbering table serves indexes built in turn, ASCII or not', () => {
    const numbers = new GramNumbers();
    const other = new TrigramIndex();
    other.addAll(3, (slot) => ['zzz café', 'ÆØÅ zzz', 'abc'][slot], numbers);
    const texts = ['naïve café', 'café data', 'data', '日本語の本', 'ÆØÅ', 'abcabc'];
    const shared = new TrigramIndex();
    shared.addAll(texts.length, (slot) => texts[slot], numbers);
    const alone = new TrigramIndex();
    alone.addAll(texts.length, (slot) => texts[slot]);
    const byText = new Map(texts.map((text, slot) => [slot, text]));
    for (const needle of ['café', 'afé', 'data', '日本語', '本語の', 'ÆØÅ', 'abc', 'zzz', 'ïve']) {
      assert.deepEqual(Array.from(shared.candidates(needle) ?? []), Array.from(alone.candidates(needle) ?? []), needle);
      includesAll(shared.candidates(needle), holding(byText, needle));
    }
    assert.deepEqual(Array.from(shared.candidates('zzz')!), [], 'nothing of the index built before');
    assert.deepEqual(Array.from(other.candidates('zzz')!), [0, 1]);
  });
});
