import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { MONDAY, setDay, startRoom, type RoomFixture } from '../../test/fixtures/availability.js';
import type { Offer, Schedule } from './types.js';

describe('GET /schedule', () => {
  let fx: RoomFixture;
  beforeEach(async () => (fx = await startRoom()));
  afterEach(() => fx.close());

  it('lists the published dates from today on, with seats and free seats, without a token', async () => {
    const reply = await send<Schedule>(fx.url, 'GET', '/schedule');
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.body), ['2026-06-01', '2026-06-02', '2026-06-06']);
    assert.deepEqual(
      reply.body['2026-06-01'].map((o) => [o.bookId, o.seats, o.free]),
      [
        ['bk-3', 3, 3],
        ['bk-5', 10, 10],
      ],
    );
    assert.equal(reply.body['2026-06-01'][0].title, 'Xen and the Art of Surviving Undergraduate School');
  });

  it('counts reserved seats out of the free ones', async () => {
    const made = await send(fx.url, 'POST', '/reservations', { token: await tokenFor('ann'), json: { date: MONDAY, bookId: 'bk-3' } });
    assert.equal(made.status, 201);
    const reply = await send<Schedule>(fx.url, 'GET', '/schedule');
    assert.deepEqual(reply.body[MONDAY].map((o) => o.free), [2, 10]);
  });

  it('rolls forward when the day changes: yesterday goes, the new last date is published', async () => {
    setDay(fx.clock, '2026-06-02');
    const reply = await send<Schedule>(fx.url, 'GET', '/schedule');
    assert.deepEqual(Object.keys(reply.body), ['2026-06-02', '2026-06-06', '2026-06-08']);
    assert.deepEqual(reply.body['2026-06-08'].map((o) => o.bookId), ['bk-3', 'bk-5']);
  });
});

describe('GET /schedule/:date', () => {
  let fx: RoomFixture;
  before(async () => (fx = await startRoom()));
  after(() => fx.close());

  it('answers the titles of one date', async () => {
    const reply = await send<Offer[]>(fx.url, 'GET', '/schedule/2026-06-02');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, [{ bookId: 'bk-7', title: 'Design Patterns: Elements of Reusable Object-Oriented Software', seats: 2, free: 2 }]);
  });

  for (const date of ['2026-06-03', '2026-06-20', '2026-05-25']) {
    it(`answers 404 /problems/date-not-scheduled for ${date}`, async () => {
      const reply = await send(fx.url, 'GET', `/schedule/${date}`);
      assert.equal(reply.status, 404);
      assert.equal(reply.body.type, '/problems/date-not-scheduled');
    });
  }

  for (const date of ['2026-6-1', '2026-02-30', 'tomorrow', '20260601', '2026-06-01x']) {
    it(`refuses the malformed date "${date}" with 422`, async () => {
      const reply = await send(fx.url, 'GET', `/schedule/${encodeURIComponent(date)}`);
      assert.equal(reply.status, 422);
      assert.equal(reply.body.type, '/problems/validation-failed');
    });
  }
});

describe('PUT /schedule/:date', () => {
  let fx: RoomFixture;
  let librarian: string;
  beforeEach(async () => {
    fx = await startRoom();
    librarian = await tokenFor('lib', 'librarian');
  });
  afterEach(() => fx.close());

  const put = (date: string, json: unknown, token = librarian) => send(fx.url, 'PUT', `/schedule/${date}`, { token, json });

  it('sets a date beyond the horizon with the titles the catalog gives', async () => {
    const reply = await put('2026-12-01', [
      { bookId: 'bk-12', seats: 5 },
      { bookId: 'bk-7', seats: 10 },
    ]);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.map((o: Offer) => [o.bookId, o.seats, o.free]), [
      ['bk-12', 5, 5],
      ['bk-7', 10, 10],
    ]);
    const book = await send(fx.catalogUrl, 'GET', '/books/bk-12');
    assert.equal(book.status, 200);
    assert.equal(reply.body[0].title, book.body.title);
    const day = await send(fx.url, 'GET', '/schedule/2026-12-01');
    assert.deepEqual(day.body, reply.body);
  });

  it('replaces the template for that date, and rolling forward never overwrites it', async () => {
    assert.equal((await put('2026-06-08', [{ bookId: 'bk-12', seats: 1 }])).status, 200);
    assert.equal((await put('2026-06-03', [])).status, 200); // a date the template leaves empty
    setDay(fx.clock, '2026-06-03');
    const schedule = (await send<Schedule>(fx.url, 'GET', '/schedule')).body;
    assert.deepEqual(schedule['2026-06-08'].map((o) => o.bookId), ['bk-12']);
    assert.deepEqual(schedule['2026-06-03'], []);
  });

  it('refuses lowering seats below, or removing, what is reserved with 409 /problems/seats-taken', async () => {
    for (const who of ['ann', 'bob']) {
      const made = await send(fx.url, 'POST', '/reservations', { token: await tokenFor(who), json: { date: MONDAY, bookId: 'bk-3' } });
      assert.equal(made.status, 201);
    }
    const before = snapshotFiles(fx.dataDir);
    for (const body of [[{ bookId: 'bk-3', seats: 1 }], [{ bookId: 'bk-5', seats: 10 }], []]) {
      const reply = await put(MONDAY, body);
      assert.equal(reply.status, 409, JSON.stringify(body));
      assert.equal(reply.body.type, '/problems/seats-taken');
    }
    assert.deepEqual(snapshotFiles(fx.dataDir), before);
    const exact = await put(MONDAY, [{ bookId: 'bk-3', seats: 2 }]);
    assert.equal(exact.status, 200);
    assert.equal(exact.body[0].free, 0);
  });

  const refusals: [string, string, unknown, number, string][] = [
    ['a body that is not a list', '2026-06-10', { bookId: 'bk-3', seats: 2 }, 422, 'validation-failed'],
    ['no seats', '2026-06-10', [{ bookId: 'bk-3', seats: 0 }], 422, 'validation-failed'],
    ['too many seats', '2026-06-10', [{ bookId: 'bk-3', seats: 501 }], 422, 'validation-failed'],
    ['fractional seats', '2026-06-10', [{ bookId: 'bk-3', seats: 2.5 }], 422, 'validation-failed'],
    ['seats as a string', '2026-06-10', [{ bookId: 'bk-3', seats: '2' }], 422, 'validation-failed'],
    ['an empty bookId', '2026-06-10', [{ bookId: '', seats: 2 }], 422, 'validation-failed'],
    ['an unknown field', '2026-06-10', [{ bookId: 'bk-3', seats: 2, room: 'B' }], 422, 'validation-failed'],
    ['the same book twice', '2026-06-10', [{ bookId: 'bk-3', seats: 2 }, { bookId: 'bk-3', seats: 4 }], 422, 'validation-failed'],
    ['a malformed date', '2026-13-01', [{ bookId: 'bk-3', seats: 2 }], 422, 'validation-failed'],
    ['a past date', '2026-05-31', [{ bookId: 'bk-3', seats: 2 }], 422, 'date-in-past'],
    ['a book the catalog does not have', '2026-06-10', [{ bookId: 'bk-3', seats: 2 }, { bookId: 'bk-9999', seats: 2 }], 422, 'unknown-book'],
  ];
  it('refuses bad schedules, each with its problem, and writes nothing', async () => {
    const before = snapshotFiles(fx.dataDir);
    for (const [what, date, body, status, type] of refusals) {
      const reply = await put(date, body);
      assert.equal(reply.status, status, what);
      assert.equal(reply.body.type, `/problems/${type}`, what);
      assert.deepEqual(snapshotFiles(fx.dataDir), before, what);
    }
    assert.equal((await send(fx.url, 'GET', '/schedule/2026-06-10')).status, 404);
  });

  it('is for librarians only: 401 without a token, 403 for a member', async () => {
    const body = [{ bookId: 'bk-3', seats: 2 }];
    assert.equal((await send(fx.url, 'PUT', '/schedule/2026-06-10', { json: body })).status, 401);
    assert.equal((await put('2026-06-10', body, await tokenFor('ann'))).status, 403);
  });
});
