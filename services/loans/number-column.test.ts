// NumberColumn keeps every number pushed, in order, through growth and trimming.
import assert from 'node:assert/strict';
import { NumberColumn } from './number-column.js';

describe('NumberColumn', () => {
  it('keeps what was pushed through growth, a trim, and pushes after it', () => {
    const column = new NumberColumn((n) => new Float64Array(n));
    const pushed: number[] = [];
    const push = (v: number) => {
      column.push(v);
      pushed.push(v);
    };
    for (let i = 0; i < 5000; i++) push(i * 1.5 + 2 ** 40);
    column.trim();
    for (let i = 0; i < 3000; i++) push(-i);
    assert.equal(column.length, pushed.length);
    assert.deepEqual(Array.from(column.view()), pushed);
    assert.equal(column.at(4999), 4998 * 1.5 + 2 ** 40 + 1.5);
  });

  it('holds what its array type holds (lengths as Uint32)', () => {
    const column = new NumberColumn((n) => new Uint32Array(n));
    column.push(2 ** 32 - 1);
    column.trim();
    column.push(7);
    assert.deepEqual(Array.from(column.view()), [2 ** 32 - 1, 7]);
  });
});
