import assert from 'node:assert/strict';
import { stringPool } from './string-pool.js';

describe('stringPool()', () => {
  it('answers each text with the first equal string it was given', () => {
    const share = stringPool();
    const first = ['2026-01-01T00:00:00.000Z'].join(''); // built at run time: not a literal V8 would share anyway
    const second = ['2026-01-01T00:00:00', '.000Z'].join('');
    assert.equal(share(first), first);
    assert.equal(share(second), second); // equal text, so readers see no change
    assert.equal(share('history'), 'history');
    assert.equal(share(''), '');
  });
});
