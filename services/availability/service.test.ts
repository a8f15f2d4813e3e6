import assert from 'node:assert/strict';
import { ReadingRoom } from './service.js';
import { StorageUnavailable } from '../shared/store/storage-unavailable.js';
import { openRoomStore } from './store.js';
import { MONDAY, setDay, startRoom, TEST_TEMPLATE, type RoomFixture } from '../../test/fixtures/availability.js';
import { anyoneIsAMember } from '../../test/support/members.js';

describe('ReadingRoom.rollForward()', () => {
  let fx: RoomFixture;
  beforeEach(async () => (fx = await startRoom()));
  afterEach(() => fx.close());

  const days = () => [...fx.store.values('days')].map((d) => `${d.date}:${d.source}`).sort();

  it('publishes the template for each date from today to today + horizon that has titles, once', async () => {
    assert.deepEqual(days(), ['2026-06-01:template', '2026-06-02:template', '2026-06-06:template']);
    assert.equal(await fx.room.rollForward(), 0);
  });

  it('publishes the new last date when the day changes', async () => {
    setDay(fx.clock, '2026-06-02');
    assert.equal(await fx.room.rollForward(), 1);
    assert.deepEqual(fx.store.get('days', '2026-06-08')?.titles.map((t) => t.bookId), ['bk-3', 'bk-5']);
  });

  it('catches up on every date after a long pause', async () => {
    setDay(fx.clock, '2026-06-15');
    assert.equal(await fx.room.rollForward(), 3); // Mon 15, Tue 16, Sat 20; Sunday 21 has nothing
    assert.ok(fx.store.get('days', '2026-06-20'));
    assert.equal(fx.store.get('days', '2026-06-21'), undefined);
  });

  it("never overwrites a date a librarian set, nor one it published before", async () => {
    const librarian = { username: 'lib', role: 'librarian' as const };
    await fx.room.setDay(librarian, '2026-06-08', [{ bookId: 'bk-12', seats: 2 }]);
    const published = fx.store.get('days', '2026-06-02');
    setDay(fx.clock, '2026-06-02');
    assert.equal(await fx.room.rollForward(), 0);
    assert.equal(fx.store.get('days', '2026-06-08')?.source, 'librarian');
    assert.deepEqual(fx.store.get('days', '2026-06-08')?.titles.map((t) => t.bookId), ['bk-12']);
    assert.equal(fx.store.get('days', '2026-06-02'), published);
  });

  it('counts reservations made before a restart when the store is opened again', async () => {
    for (const username of ['ann', 'bob']) await fx.room.reserve({ username, role: 'member' }, { date: MONDAY, bookId: 'bk-3' });
    await fx.store.close();
    const store = await openRoomStore(fx.serviceDir);
    try {
      const room = new ReadingRoom({ store, catalog: fx.catalog, template: TEST_TEMPLATE, now: fx.clock.now, members: anyoneIsAMember });
      const offers = await room.day(MONDAY);
      assert.equal(offers.find((o) => o.bookId === 'bk-3')?.free, 1);
      await assert.rejects(room.reserve({ username: 'ann', role: 'member' }, { date: MONDAY, bookId: 'bk-5' }), /already holds/);
    } finally {
      await store.close();
    }
  });
});

describe('ReadingRoom on a failing disk', () => {
  let fx: RoomFixture;
  beforeEach(async () => (fx = await startRoom()));
  afterEach(() => fx.close());

  it('counts no seat for a reservation the disk refused, and keeps the seat of a refused cancellation', async () => {
    let failures = 0;
    let full = false;
    const store = await openRoomStore(`${fx.serviceDir}-failing`, {
      write: () => (failures-- > 0 ? { bytes: 4, code: 'ENOSPC' } : undefined),
      repair: () => (full ? 'ENOSPC' : undefined),
    });
    try {
      const room = new ReadingRoom({ store, catalog: fx.catalog, template: TEST_TEMPLATE, now: fx.clock.now, members: anyoneIsAMember });
      await room.rollForward();
      const ann = { username: 'ann', role: 'member' as const };
      const free = async () => (await room.day(MONDAY)).find((o) => o.bookId === 'bk-3')?.free;
      const kept = await room.reserve({ username: 'bob', role: 'member' }, { date: MONDAY, bookId: 'bk-3' });
      full = true;
      failures = 1;
      await assert.rejects(room.reserve(ann, { date: MONDAY, bookId: 'bk-3' }), StorageUnavailable); // the flush fails
      await assert.rejects(room.reserve(ann, { date: MONDAY, bookId: 'bk-5' }), StorageUnavailable); // refused while broken
      await assert.rejects(room.cancel({ username: 'bob', role: 'member' }, kept.id), StorageUnavailable);
      assert.equal(await free(), 2, 'only bob holds a seat');
      full = false;
      for (let i = 0; i < 200 && store.broken; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal((await room.reserve(ann, { date: MONDAY, bookId: 'bk-3' })).username, 'ann', 'ann holds nothing on Monday yet');
      assert.equal(await free(), 1);
    } finally {
      await store.close();
    }
  });
});
