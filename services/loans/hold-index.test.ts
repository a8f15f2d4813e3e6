// GET /holds from the hold index answers exactly what the walk over every hold, open and
// closed, answered (the old HoldService.list, kept below for comparison): generated holds
// in every state, asked every way by librarians and members, before and after places,
// readies, cancels, fulfilments and expiries, and after a restart. And a page reads only
// its own records, however many closed holds there are.
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDataDir } from '../../test/support/http.js';
import type { Principal } from '../shared/auth.js';
import { openLoansAlone } from '../../test/fixtures/loans.js';
import { seededRandom } from '../../test/support/random.js';
import type { LoansParts } from './open.js';
import type { HoldRecord } from './store.js';
import type { Hold, HoldStatus } from './types.js';
import { holdView } from './views.js';

const DAY = 86_400_000;
const librarian: Principal = { username: 'admin', role: 'librarian' };
const STATUSES: HoldStatus[] = ['waiting', 'ready', 'fulfilled', 'cancelled', 'expired'];

describe('GET /holds from the hold index answers as the walk over every hold did', () => {
  let parts: LoansParts;
  let dir: string;
  let now = Date.parse('2026-06-01T12:00:00.000Z');
  const rand = seededRandom(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const members = Array.from({ length: 30 }, (_, i) => `member${i}`);
  const books = Array.from({ length: 12 }, (_, i) => `bk-${i + 1}`);
  let barcodes = 0;

  const open = () => openLoansAlone(dir, () => now);

  /** New holds as HoldService.place writes them (place itself asks inventory first). */
  const placeSome = (count: number) =>
    parts.store.change((tx) => {
      for (let i = 0; i < count; i++) {
        const username = pick(members);
        const bookId = pick(books);
        const taken = [...parts.store.values('holds')].some((h) => h.username === username && h.bookId === bookId);
        if (taken) continue;
        const seq = tx.nextSeq('hold');
        tx.put('holds', `hd-${seq}`, { id: `hd-${seq}`, seq, bookId, username, status: 'waiting', createdAt: iso(now) });
      }
    });

  before(async () => {
    dir = path.join(tempDataDir('loans-hold-index-'), 'loans');
    parts = await open();
    // Closed holds of every kind, with open ones between them: the seqs interleave.
    await parts.store.change((tx) => {
      for (let i = 0; i < 300; i++) {
        const seq = tx.nextSeq('hold');
        const status = rand() < 0.7 ? pick(['fulfilled', 'cancelled', 'expired'] as const) : 'waiting';
        // A few ids not of the "hd-<seq>" form HoldService writes (a store edited by hand).
        const id = i % 40 === 0 ? `imported-${seq}` : `hd-${seq}`;
        const hold: HoldRecord = { id, seq, bookId: pick(books), username: pick(members), status, createdAt: iso(now - (400 - i) * DAY) };
        if (status === 'waiting') tx.put('holds', hold.id, hold);
        else tx.put('closedHolds', hold.id, { ...hold, closedAt: iso(now - (300 - i) * DAY) });
      }
    });
    // Some ready ones, as a returned copy makes them.
    await parts.store.change((tx) => {
      for (let i = 0; i < 15; i++) parts.holds.assign(tx, pick(books), `HB${++barcodes}`, now);
    });
  });
  after(() => parts.close());

  const expectSame = () => {
    const pages = [{ limit: 20, offset: 0 }, { limit: 7, offset: 13 }, { limit: 100, offset: 90 }, { limit: 1000, offset: 0 }, { limit: 5, offset: 5000 }];
    const asked = (caller: Principal, query: Query, page: { limit: number; offset: number }) =>
      assert.deepEqual(parts.holds.list(caller, query, page), oldList(caller, query, page), JSON.stringify({ caller: caller.username, query, page }));
    for (const status of [undefined, ...STATUSES]) {
      for (const username of [undefined, pick(members), pick(members)]) {
        for (const bookId of [undefined, pick(books)]) {
          for (const page of pages) asked(librarian, { status, username, bookId }, page);
        }
      }
      const member: Principal = { username: pick(members), role: 'member' };
      for (const bookId of [undefined, pick(books)]) for (const page of pages) asked(member, { status, bookId }, page);
    }
  };

  it('at the start', () => expectSame());

  it('after holds are placed, made ready, cancelled (open and closed), fulfilled and expired', async () => {
    for (let round = 0; round < 8; round++) {
      await placeSome(12);
      await parts.store.change((tx) => {
        for (let i = 0; i < 4; i++) parts.holds.assign(tx, pick(books), `HB${++barcodes}`, now);
      });
      for (let i = 0; i < 4; i++) {
        const hold = pick([...parts.store.values('holds')]);
        if (!hold) continue;
        const taken = await parts.holds.cancel({ username: hold.username, role: 'member' }, hold.id, now);
        assert.equal(taken.status, 'cancelled');
        // Cancelling again finds it closed, for its member and a librarian alike; another member is told nothing.
        await assert.rejects(parts.holds.cancel({ username: hold.username, role: 'member' }, hold.id, now), { code: 'hold-closed' });
        await assert.rejects(parts.holds.cancel(librarian, hold.id, now), { code: 'hold-closed' });
        const other = members.find((m) => m !== hold.username)!;
        await assert.rejects(parts.holds.cancel({ username: other, role: 'member' }, hold.id, now), { status: 404 });
      }
      await parts.store.change((tx) => {
        for (const hold of [...parts.store.values('holds')].filter((h) => h.status === 'ready').slice(0, 3)) {
          parts.holds.fulfil(tx, hold.username, hold.bookId, hold.barcode!, now);
        }
      });
      expectSame();
      now += Math.floor(rand() * 2 * DAY);
      await parts.holds.sweep(now); // ready holds past their pickup window expire, their copies passed on
      expectSame();
    }
    assert.ok(parts.store.count('closedHolds') > 250 && parts.store.count('holds') > 30, 'both kinds are there to compare');
    const statuses = new Set([...parts.store.values('closedHolds')].map((h) => h.status));
    assert.deepEqual([...statuses].sort(), ['cancelled', 'expired', 'fulfilled']);
    await assert.rejects(parts.holds.cancel(librarian, 'hd-999999', now), { status: 404 });
  });

  it('after a restart, built from the store', async () => {
    await parts.close();
    parts = await open();
    expectSame();
  });

  it('reads only the records on the page: the first page, a status page, a member\'s page', () => {
    const store = parts.store;
    const reads = { get: 0, values: 0 };
    const get = store.get.bind(store);
    const values = store.values.bind(store);
    store.get = ((collection, id) => (reads.get++, get(collection, id))) as typeof store.get;
    store.values = ((collection) => (reads.values++, values(collection))) as typeof store.values;
    try {
      const member: Principal = { username: pick(members), role: 'member' };
      for (const [caller, query] of [[librarian, {}], [librarian, { status: 'waiting' }], [librarian, { status: 'fulfilled' }], [member, {}]] as const) {
        reads.get = 0;
        reads.values = 0;
        const page = parts.holds.list(caller, query, { limit: 20, offset: 0 });
        assert.equal(reads.values, 0, `no walk over a collection for ${JSON.stringify(query)}`);
        assert.equal(reads.get, page.items.length, `one read per hold answered for ${JSON.stringify(query)}`);
      }
    } finally {
      store.get = get;
      store.values = values;
    }
  });

  type Query = { status?: HoldStatus; username?: string; bookId?: string };

  // The old code, for reference.
  function oldList(caller: Principal, query: Query, page: { limit: number; offset: number }): { items: Hold[]; total: number } {
    const username = caller.role === 'member' ? caller.username : query.username;
    const all = [...parts.store.values('holds'), ...parts.store.values('closedHolds')].filter(
      (h) =>
        (username === undefined || h.username === username) &&
        (query.bookId === undefined || h.bookId === query.bookId) &&
        (query.status === undefined || h.status === query.status),
    );
    all.sort((a, b) => a.seq - b.seq);
    const items = all.slice(page.offset, page.offset + page.limit);
    return { items: items.map((h) => holdView(h, oldPositionOf(h))), total: all.length };
  }

  function oldPositionOf(hold: HoldRecord): number | undefined {
    if (hold.status !== 'waiting') return undefined;
    const queue = [...parts.store.values('holds')].filter((h) => h.bookId === hold.bookId && h.status === 'waiting').sort((a, b) => a.seq - b.seq);
    return queue.findIndex((h) => h.id === hold.id) + 1;
  }
});

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
