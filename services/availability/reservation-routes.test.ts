import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { openRoomStore } from './store.js';
import { MONDAY, setDay, startRoom, type RoomFixture } from '../../test/fixtures/availability.js';
import type { Offer, Reservation } from './types.js';

const TUESDAY = '2026-06-02';

async function reserve(fx: RoomFixture, username: string, date: string, bookId: string) {
  return send<Reservation & { type?: string }>(fx.url, 'POST', '/reservations', { token: await tokenFor(username), json: { date, bookId } });
}

async function freeSeats(fx: RoomFixture, date: string, bookId: string): Promise<number> {
  const day = await send<Offer[]>(fx.url, 'GET', `/schedule/${date}`);
  return day.body.find((o) => o.bookId === bookId)!.free;
}

describe('POST /reservations', () => {
  let fx: RoomFixture;
  beforeEach(async () => (fx = await startRoom()));
  afterEach(() => fx.close());

  it('reserves a seat: 201 with id, date, book, title, member and time', async () => {
    const reply = await reserve(fx, 'ann', MONDAY, 'bk-3');
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.body, {
      id: 'rs-1',
      date: MONDAY,
      bookId: 'bk-3',
      title: 'Xen and the Art of Surviving Undergraduate School',
      username: 'ann',
      createdAt: new Date(fx.clock.now()).toISOString(),
    });
    assert.equal(reply.headers.get('location'), '/reservations/rs-1');
    assert.equal(await freeSeats(fx, MONDAY, 'bk-3'), 2);
  });

  it('gives a title with 3 seats to exactly 3 of 30 members asking at once', async () => {
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => tokenFor(`member${i}`)));
    const replies = await Promise.all(
      tokens.map((token) => send(fx.url, 'POST', '/reservations', { token, json: { date: MONDAY, bookId: 'bk-3' } })),
    );
    const won = replies.filter((r) => r.status === 201);
    assert.equal(won.length, 3);
    assert.ok(replies.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.type === '/problems/no-seats-left'));
    assert.equal(await freeSeats(fx, MONDAY, 'bk-3'), 0);
    // What is on disk, read back by a second store over a copy of the files.
    await fx.store.flush();
    cpSync(fx.serviceDir, `${fx.serviceDir}-disk`, { recursive: true });
    const disk = await openRoomStore(`${fx.serviceDir}-disk`);
    const kept = [...disk.values('reservations')];
    await disk.close();
    assert.equal(kept.length, 3);
    assert.deepEqual(kept.map((r) => r.username).sort(), won.map((r) => r.body.username).sort());
  });

  it('lets a librarian reserve for a member by naming them', async () => {
    const reply = await send(fx.url, 'POST', '/reservations', {
      token: await tokenFor('lib', 'librarian'),
      json: { date: MONDAY, bookId: 'bk-5', username: 'ann' },
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.username, 'ann');
  });

  it('refuses each kind of bad reservation with its own problem, and writes nothing', async () => {
    assert.equal((await reserve(fx, 'ann', MONDAY, 'bk-3')).status, 201);
    for (const who of ['bob', 'cy']) assert.equal((await reserve(fx, who, TUESDAY, 'bk-7')).status, 201);
    const ann = await tokenFor('ann');
    const cases: [string, unknown, number, string, string?][] = [
      ['the same member twice, same date and title', { date: MONDAY, bookId: 'bk-3' }, 409, 'already-reserved'],
      ['the same member twice, same date, other title', { date: MONDAY, bookId: 'bk-5' }, 409, 'already-reserved'],
      ['a past date', { date: '2026-05-31', bookId: 'bk-3' }, 422, 'date-in-past'],
      ['a date beyond the schedule', { date: '2026-06-20', bookId: 'bk-3' }, 422, 'date-not-scheduled'],
      ['a date with nothing scheduled', { date: '2026-06-03', bookId: 'bk-3' }, 422, 'date-not-scheduled'],
      ['a title not offered that date', { date: '2026-06-06', bookId: 'bk-3' }, 422, 'not-on-schedule'],
      ['a book the catalog does not have', { date: '2026-06-06', bookId: 'bk-9999' }, 404, 'unknown-book'],
      ['a full title', { date: TUESDAY, bookId: 'bk-7' }, 409, 'no-seats-left'],
      ['a malformed date', { date: '2026-06-31', bookId: 'bk-3' }, 422, 'validation-failed'],
      ['no bookId', { date: '2026-06-06' }, 422, 'validation-failed'],
      ['an unknown field', { date: '2026-06-06', bookId: 'bk-9', seats: 2 }, 422, 'validation-failed'],
      ['a member booking for another', { date: '2026-06-06', bookId: 'bk-9', username: 'bob' }, 403, 'forbidden'],
      ['no token', { date: '2026-06-06', bookId: 'bk-9' }, 401, 'unauthorized', 'none'],
    ];
    const before = snapshotFiles(fx.dataDir);
    for (const [what, json, status, type, auth] of cases) {
      const reply = await send(fx.url, 'POST', '/reservations', { token: auth === 'none' ? undefined : ann, json });
      assert.equal(reply.status, status, what);
      assert.equal(reply.body.type, `/problems/${type}`, what);
      assert.deepEqual(snapshotFiles(fx.dataDir), before, what);
    }
  });
});

describe('GET /reservations', () => {
  let fx: RoomFixture;
  before(async () => {
    fx = await startRoom();
    for (const [who, date, book] of [
      ['ann', MONDAY, 'bk-3'],
      ['bob', MONDAY, 'bk-5'],
      ['ann', TUESDAY, 'bk-7'],
      ['cy', '2026-06-06', 'bk-9'],
    ]) {
      assert.equal((await reserve(fx, who, date, book)).status, 201);
    }
  });
  after(() => fx.close());

  const list = async (query: string, token: string) => send(fx.url, 'GET', `/reservations${query}`, { token });

  it("shows a member only their own, in date order", async () => {
    const reply = await list('', await tokenFor('ann'));
    assert.equal(reply.status, 200);
    assert.equal(reply.body.total, 2);
    assert.deepEqual(reply.body.items.map((r: Reservation) => [r.username, r.date]), [
      ['ann', MONDAY],
      ['ann', TUESDAY],
    ]);
  });

  it("refuses a member asking for another member's list with 403", async () => {
    assert.equal((await list('?username=bob', await tokenFor('ann'))).status, 403);
  });

  it('shows a librarian everyone, filtered by member or date, a page at a time', async () => {
    const lib = await tokenFor('lib', 'librarian');
    assert.equal((await list('', lib)).body.total, 4);
    assert.deepEqual((await list(`?date=${MONDAY}`, lib)).body.items.map((r: Reservation) => r.username), ['ann', 'bob']);
    assert.equal((await list('?username=ann', lib)).body.total, 2);
    const page = (await list('?limit=2&offset=2', lib)).body;
    assert.equal(page.total, 4);
    assert.deepEqual(page.items.map((r: Reservation) => r.id), ['rs-3', 'rs-4']);
  });

  it('refuses bad queries with 422 and no token with 401', async () => {
    const lib = await tokenFor('lib', 'librarian');
    for (const query of ['?limit=0', '?limit=101', '?offset=-1', '?date=june', '?colour=red']) {
      assert.equal((await list(query, lib)).status, 422, query);
    }
    assert.equal((await send(fx.url, 'GET', '/reservations')).status, 401);
  });
});

describe('DELETE /reservations/:id', () => {
  let fx: RoomFixture;
  beforeEach(async () => (fx = await startRoom()));
  afterEach(() => fx.close());

  it('frees the seat at once, so the next member can take it', async () => {
    const ids: string[] = [];
    for (const who of ['ann', 'bob', 'cy']) ids.push((await reserve(fx, who, MONDAY, 'bk-3')).body.id);
    assert.equal((await reserve(fx, 'dee', MONDAY, 'bk-3')).body.type, '/problems/no-seats-left');
    const cancelled = await send(fx.url, 'DELETE', `/reservations/${ids[1]}`, { token: await tokenFor('bob') });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.id, ids[1]);
    assert.equal(await freeSeats(fx, MONDAY, 'bk-3'), 1);
    assert.equal((await reserve(fx, 'dee', MONDAY, 'bk-3')).status, 201);
    assert.equal((await send(fx.url, 'GET', `/reservations/${ids[1]}`, { token: await tokenFor('bob') })).status, 404);
  });

  it("answers 404 to a member cancelling another member's reservation, and writes nothing", async () => {
    const { id } = (await reserve(fx, 'ann', MONDAY, 'bk-3')).body;
    const before = snapshotFiles(fx.dataDir);
    const reply = await send(fx.url, 'DELETE', `/reservations/${id}`, { token: await tokenFor('bob') });
    assert.equal(reply.status, 404);
    assert.equal(reply.body.type, '/problems/reservation-not-found');
    assert.equal((await send(fx.url, 'GET', `/reservations/${id}`, { token: await tokenFor('bob') })).status, 404);
    assert.deepEqual(snapshotFiles(fx.dataDir), before);
    assert.equal(await freeSeats(fx, MONDAY, 'bk-3'), 2);
  });

  it("lets a librarian cancel anyone's", async () => {
    const { id } = (await reserve(fx, 'ann', MONDAY, 'bk-3')).body;
    const lib = await tokenFor('lib', 'librarian');
    assert.equal((await send(fx.url, 'GET', `/reservations/${id}`, { token: lib })).body.username, 'ann');
    assert.equal((await send(fx.url, 'DELETE', `/reservations/${id}`, { token: lib })).status, 200);
    assert.equal(await freeSeats(fx, MONDAY, 'bk-3'), 3);
  });

  it('keeps a past reservation as history (422 /problems/date-in-past), and 404s an unknown id', async () => {
    const ann = await tokenFor('ann');
    const { id } = (await reserve(fx, 'ann', MONDAY, 'bk-3')).body;
    setDay(fx.clock, TUESDAY);
    const reply = await send(fx.url, 'DELETE', `/reservations/${id}`, { token: ann });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.type, '/problems/date-in-past');
    assert.equal((await send(fx.url, 'DELETE', '/reservations/rs-999', { token: ann })).status, 404);
    assert.equal((await send(fx.url, 'DELETE', '/reservations/nonsense', { token: ann })).status, 422);
  });
});
