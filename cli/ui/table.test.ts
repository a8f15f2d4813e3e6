import assert from 'node:assert/strict';
import { createStyle } from './style.js';
import { renderTable, type Column } from './table.js';

const COLUMNS: Column[] = [{ head: 'ID', keep: true }, { head: 'Title' }, { head: 'Authors' }, { head: 'Price', align: 'right' }];
const ROWS = [
  ['bk-1', 'Structure and Interpretation of Computer Programs, second edition', 'Harold Abelson, Gerald Jay Sussman', '45.00'],
  ['bk-22', 'Clean Code', 'Robert C. Martin', '5.50'],
];

describe('renderTable', () => {
  it('on a terminal, fits its width by cutting the widest column, never the ids', async () => {
    const text = await renderTable(COLUMNS, ROWS, createStyle(false, 60));
    const lines = text.split('\n');
    assert.ok(lines.every((l) => l.length <= 60), text);
    assert.match(lines[0], /^ID\s+TITLE\s+AUTHORS\s+PRICE$/);
    assert.match(lines[1], /^bk-1 {3}Structure and[^\n]*… +Harold/);
    assert.match(lines[2], /^bk-22 +Clean Code +Robert C\. Martin +5\.50$/);
  });

  it('on a wide terminal, cuts nothing', async () => {
    const text = await renderTable(COLUMNS, ROWS, createStyle(false, 200));
    assert.ok(text.includes(ROWS[0][1]) && text.includes(ROWS[0][2]) && !text.includes('…'), text);
  });

  it('keeps the ids whole even when nothing else is left to cut', async () => {
    const text = await renderTable([{ head: 'ID', keep: true }, { head: 'Copy', keep: true }], [['ln-123456', 'BC000001']], createStyle(false, 10));
    assert.match(text, /ln-123456 {2}BC000001/);
  });

  it('piped (no width), prints whole values tab-separated under a header row', async () => {
    const text = await renderTable(COLUMNS, [...ROWS, ['bk-3', 'A\ttab and\na line break', '', '1.00']], createStyle(false));
    assert.deepEqual(text.split('\n'), [
      'ID\tTITLE\tAUTHORS\tPRICE',
      ROWS[0].join('\t'),
      ROWS[1].join('\t'),
      'bk-3\tA tab and a line break\t\t1.00',
    ]);
  });
});
