import assert from 'node:assert/strict';
import { seededRandom } from '../../test/support/random.js';
import { isoTime, parseIsoTime } from './iso-time.js';

describe('isoTime()', () => {
  it('writes what toISOString writes, at the edges of days, months, leap years and its range', () => {
    const edges = [0, 1, 999, 1000, 86_399_999, 86_400_000, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), Date.UTC(2024, 11, 31, 23, 59, 59, 999)];
    const outside = [-1, -86_400_001, Date.UTC(10_000, 0, 1), Date.UTC(10_000, 0, 1) - 1, 1.5, 8.64e15];
    for (const ms of [...edges, ...outside]) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
  });

  it('writes what toISOString writes for 200,000 times from 1970 to 9999', () => {
    const rand = seededRandom(4);
    const end = Date.UTC(10_000, 0, 1);
    for (let i = 0; i < 200_000; i++) {
      const ms = Math.floor(rand() * (i % 2 ? end : 4e12));
      if (isoTime(ms) !== new Date(ms).toISOString()) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
    }
  });
});

describe('parseIsoTime()', () => {
  it('reads back every time isoTime() writes, from 1970 to 9999', () => {
    const rand = seededRandom(6);
    const end = Date.UTC(10_000, 0, 1);
    for (let i = 0; i < 200_000; i++) {
      const ms = Math.floor(rand() * (i % 2 ? end : 4e12));
      if (parseIsoTime(isoTime(ms)) !== ms) assert.equal(parseIsoTime(isoTime(ms)), ms, isoTime(ms));
    }
    assert.equal(parseIsoTime('1970-01-01T00:00:00.000Z'), 0);
    assert.equal(parseIsoTime('9999-12-31T23:59:59.999Z'), Date.UTC(10_000, 0, 1) - 1);
  });

  it('refuses what toISOString would not write: NaN', () => {
    const refused = [
      '2026-06-01T12:00:00Z', '2026-06-01T12:00:00.000', '2026-06-01 12:00:00.000Z', '2026-06-01t12:00:00.000Z',
      '2026-02-30T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-06-00T00:00:00.000Z',
      '2026-06-01T24:00:00.000Z', '2026-06-01T12:60:00.000Z', '2026-06-01T12:00:60.000Z',
      '+02026-06-01T12:00:00.000Z', '2026-06-01T12:00:00.000+00:00', '20x6-06-01T12:00:00.000Z', '2026-06-01T12:00:0 .000Z', '',
    ];
    for (const text of refused) assert.ok(Number.isNaN(parseIsoTime(text)), text);
  });
});
