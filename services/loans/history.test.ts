// loan_history.csv's lists by member, book and copy: filed after opening, a slice at a
// time, with rows appended meanwhile, and when a list is asked for before filing is done;
// every answer as csv-parse reads the file. Values that csv-stringify quotes or marks as
// formulas, and ones that are not ASCII, go through both ways of reading a row.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../test/support/http.js';
import { CsvLog } from '../shared/store/csv-log.js';
import { LoanHistory } from './history.js';
import type { ClosedLoan } from './store.js';
import { RowTable } from './row-table.js';
import { ColumnIndex } from './column-index.js';
import { idNumber } from './views.js';

const ODD = ['=bk-odd', '+BC odd', '@member', 'bk, "quoted"', 'bibliothèque', 'line\nbreak', '-7'];

function loan(n: number): ClosedLoan {
  const odd = (k: number) => (n % 97 === k ? ODD[n % ODD.length] : undefined);
  return {
    id: `ln-${n}`,
    bookId: odd(1) ?? `bk-${n % 300}`,
    barcode: odd(2) ?? `BC${String(n % 2400).padStart(5, '0')}`,
    username: odd(3) ?? `member-${n % 700}`,
    borrowedAt: '2026-01-01T00:00:00.000Z',
    dueAt: '2026-01-15T00:00:00.000Z',
    returnedAt: '2026-01-10T00:00:00.000Z',
    renewals: n % 3,
    fine: (n % 5) / 2,
  };
}

/** Rows in the order returns happen: not the id order. */
const shuffled = (count: number, from: number) => Array.from({ length: count }, (_, i) => from + ((i * 7919) % count));

describe('LoanHistory', () => {
  let file: string;

  before(async () => {
    file = path.join(tempDataDir('history-'), 'loans', 'loan_history.csv');
    const history = await LoanHistory.open(file);
    await history.append(shuffled(20_000, 1).map(loan));
    await history.close();
  });

  /** What csv-parse reads: the reference. */
  function reference(rows: Record<string, string>[], filter: { username?: string; bookId?: string; barcode?: string }): number[] {
    const unescape = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);
    return rows
      .filter(
        (r) =>
          (filter.username === undefined || unescape(r.username) === filter.username) &&
          (filter.bookId === undefined || unescape(r.book_id) === filter.bookId) &&
          (filter.barcode === undefined || unescape(r.barcode) === filter.barcode),
      )
      .map((r) => idNumber(r.loan_id))
      .sort((a, b) => a - b);
  }

  const filters = [
    {},
    { username: 'member-5' },
    { username: '@member' },
    { bookId: 'bk-17' },
    { bookId: '=bk-odd' },
    { bookId: 'bk, "quoted"' },
    { bookId: 'bibliothèque' },
    { barcode: 'BC00042' },
    { barcode: '+BC odd' },
    { barcode: 'line\nbreak' },
    { barcode: '-7' },
    { username: 'member-5', bookId: 'bk-5' },
    { username: 'nobody' },
  ];

  const expectSame = (history: LoanHistory) => {
    const rows = CsvLog.parseText(readFileSync(file, 'utf8'), file);
    for (const filter of filters) assert.deepEqual([...history.numbers(filter)], reference(rows, filter), JSON.stringify(filter));
  };

  it('files every row by member, book and copy in slices after opening, rows appended meanwhile included', async () => {
    const history = await LoanHistory.open(file, 0);
    try {
      assert.equal(history.filed, false, 'one slice files 250 of 20,000 rows');
      const appended = history.append(shuffled(500, 20_001).map(loan));
      assert.equal(history.count, 20_500);
      while (!history.filed) await new Promise((resolve) => setImmediate(resolve));
      await appended;
      expectSame(history);
      assert.deepEqual(history.read(20_250), loan(20_250));
    } finally {
      await history.close();
    }
  });

  it('files rows read back in chunks smaller than a row, and a few rows at a time', async () => {
    const history = await LoanHistory.open(file, 0, 64);
    try {
      while (!history.filed) await new Promise((resolve) => setImmediate(resolve));
      expectSame(history);
    } finally {
      await history.close();
    }
  });

  it('answers a list asked for before filing is done, by finishing it there', async () => {
    const history = await LoanHistory.open(file, 0);
    try {
      assert.equal(history.filed, false);
      assert.deepEqual(history.read(17), loan(17));
      assert.equal(history.has('ln-19999'), true);
      assert.equal(history.filed, false, 'a loan found by its id needs no filing');
      expectSame(history);
      assert.equal(history.filed, true);
    } finally {
      await history.close();
    }
  });
});

describe('ColumnIndex', () => {
  it('keeps values apart whose hashes collide', () => {
    const index = new ColumnIndex(1); // two hashes for every value
    const values = ['a', 'b', 'member-1', 'member-2', 'é', 'e\u0301', ''];
    index.begin(values.length + 1);
    values.forEach((value, row) => index.fileValue(row, value));
    const bytes = Buffer.from('xx member-2 yy');
    index.fileRow(values.length, bytes, 3, 11);
    for (const _ of index.pack([...values.map((_, i) => i), 9]));
    values.forEach((value, i) => assert.deepEqual(index.get(value), value === 'member-2' ? [i, 9] : [i], JSON.stringify(value)));
    assert.equal(index.get('member-3'), undefined);
  });

  it('packs each list in id order, and takes ids in and out after', () => {
    const index = new ColumnIndex();
    const rows = [['m1', 7], ['m2', 3], ['m1', 2], ['m1', 9], ['m2', 1]] as const;
    index.begin(rows.length);
    rows.forEach(([value], row) => index.fileValue(row, value));
    for (const _ of index.pack(rows.map(([, n]) => n)));
    assert.deepEqual(index.get('m1'), [2, 7, 9]);
    assert.deepEqual(index.get('m2'), [1, 3]);
    index.insert('m1', 5);
    index.insert('m3', 4);
    index.remove('m2', 1);
    assert.deepEqual([index.get('m1'), index.get('m2'), index.get('m3')], [[2, 5, 7, 9], [3], [4]]);
  });
});

describe('RowTable', () => {
  it('answers as a Map would, an id far beyond the others or not a whole number included', () => {
    const table = new RowTable();
    const reference = new Map<number, number>();
    const ids = [1, 2, 5000, 10_000_000, 70_000, 3.5, -4, 2 ** 40, 0, 1500];
    ids.forEach((n, row) => {
      table.set(n, row);
      reference.set(n, row);
    });
    table.delete(5000);
    reference.delete(5000);
    table.delete(10_000_000);
    reference.delete(10_000_000);
    for (const n of [...ids, 6, 9_999_999, 2 ** 41]) assert.equal(table.get(n), reference.get(n), String(n));
  });
});
