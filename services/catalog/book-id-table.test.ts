import assert from 'node:assert/strict';
import { BookIdTable } from './book-id-table.js';

describe('BookIdTable', () => {
  it('keeps the value of bk-N ids and of any other id, zero included, through overwrites, deletes and a clear', () => {
    const table = new BookIdTable();
    const cases: [string, number][] = [['bk-1', 0], ['bk-5000', 1], ['bk-007', 2], ['imported-9', 3], ['bk-0', 4], ['bk-99999999999', 5]];
    for (const [id, slot] of cases) table.set(id, slot);
    for (const [id, slot] of cases) assert.equal(table.get(id), slot, id);
    assert.equal(table.get('bk-7'), undefined, 'bk-007 is not bk-7');
    assert.equal(table.size, cases.length);
    table.set('bk-1', 9);
    table.set('imported-9', 8);
    assert.equal(table.size, cases.length);
    table.delete('bk-5000');
    table.delete('bk-007');
    table.delete('bk-2'); // never held
    assert.equal(table.get('bk-5000'), undefined);
    assert.equal(table.size, cases.length - 2);
    assert.deepEqual(table.values().sort((a, b) => a - b), [4, 5, 8, 9]);
    table.set('bk-3', 0);
    assert.equal(table.get('bk-3'), 0, 'a zero is held, not taken for none');
    table.clear();
    assert.equal(table.size, 0);
    assert.equal(table.get('bk-1'), undefined);
    assert.equal(table.get('imported-9'), undefined);
  });
});
