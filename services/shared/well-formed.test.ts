import assert from 'node:assert/strict';
import { illFormedPath, isWellFormed } from './well-formed.js';

describe('illFormedPath()', () => {
  it('names the first lone surrogate, in a value or a key, and null when there is none', () => {
    assert.equal(illFormedPath({ a: 'ok', b: ['x', '\ud800'] }), 'b[1]');
    assert.equal(illFormedPath({ a: { ['k\udc00']: 1 } }), 'a.(a key)');
    assert.equal(illFormedPath('\udfff'), '(body)');
    assert.equal(illFormedPath({ emoji: '📚', list: [1, null, true, { z: 'Zoë' }] }), null);
    assert.equal(isWellFormed('\ud83d\udcda'), true, 'a proper pair is one code point');
  });

  it('walks a body nested 30,000 deep without overflowing the stack (the corpus sends one)', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 30_000; i++) deep = [deep];
    assert.match(illFormedPath(deep) ?? '', /^(\[0\]){30000}$/);
    let objects: unknown = 'fine';
    for (let i = 0; i < 30_000; i++) objects = { a: objects };
    assert.equal(illFormedPath(objects), null);
  });
});
