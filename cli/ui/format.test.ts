import assert from 'node:assert/strict';
import { when } from './format.js';
import { dayTable, reservationMade, scheduleOverview } from './reading-room.js';
import { createStyle } from './style.js';

describe('times and dates as the client prints them', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('prints a time in the local zone and names the zone, each time its own (summer time too)', () => {
    process.env.TZ = 'Europe/Paris';
    assert.equal(when('2026-12-01T13:05:00.000Z'), '2026-12-01 14:05 GMT+1');
    assert.equal(when('2026-07-01T13:05:00.000Z'), '2026-07-01 15:05 GMT+2');
    process.env.TZ = 'UTC';
    assert.equal(when('2026-12-01T13:05:00.000Z'), '2026-12-01 13:05 UTC');
    process.env.TZ = 'America/New_York';
    assert.equal(when('2026-12-01T13:05:00.000Z'), '2026-12-01 08:05 EST');
  });

  it('labels reading-room dates as UTC dates', async () => {
    const style = createStyle(false);
    const offers = [{ bookId: 'bk-3', title: 'Xen', seats: 3, free: 2 }];
    assert.match(await dayTable('2026-12-01', offers, style), /^Reading room, Tue 2026-12-01 \(UTC\)/);
    assert.match(await scheduleOverview({ '2026-12-01': offers }, style), /DATE \(UTC\)/i);
    const made = reservationMade({ id: 'rs-1', date: '2026-12-01', bookId: 'bk-3', title: 'Xen', username: 'ann', createdAt: '2026-11-30T10:00:00.000Z' }, style);
    assert.match(made, /on Tue 2026-12-01 \(UTC\) for ann/);
  });
});
