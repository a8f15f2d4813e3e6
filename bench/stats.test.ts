import assert from 'node:assert/strict';
import { formatNumber, median, percentile, renderTable, round } from './stats.js';

describe('percentile()', () => {
  it('takes the nearest rank of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(samples, 50), 5);
    assert.equal(percentile(samples, 90), 9);
    assert.equal(percentile(samples, 99), 10);
    assert.equal(percentile(samples, 0), 1);
    assert.equal(percentile(samples, 100), 10);
  });

  it('answers NaN for no samples and refuses a p outside 0..100', () => {
    assert.ok(Number.isNaN(percentile([], 50)));
    assert.throws(() => percentile([1], 101), RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    assert.deepEqual(samples, [3, 1, 2]);
  });
});

describe('median()', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([300, 100, 200]), 200);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });
});

describe('round() and formatNumber()', () => {
  it('keeps two decimals below 100 and whole numbers above', () => {
    assert.equal(round(3.14159), 3.14);
    assert.equal(round(1234.56), 1235);
    assert.equal(formatNumber(12345.6), '12,346');
    assert.equal(formatNumber(0.456), '0.46');
    assert.equal(formatNumber(null), '–');
    assert.equal(formatNumber(Number.NaN), '–');
  });
});

describe('renderTable()', () => {
  it('pads every column to its widest cell, numbers to the right', () => {
    const text = renderTable(['name', 'req/s'], [['search', '1,234'], ['login', '21']], ['left', 'right']);
    assert.equal(text, ['name    req/s', '------  -----', 'search  1,234', 'login      21', ''].join('\n'));
  });

  it('fills missing cells and trims trailing blanks', () => {
    const text = renderTable(['a', 'note'], [['x']]);
    assert.equal(text.split('\n')[2], 'x');
  });
});
