// The librarians' fines report redoes the members a write touched in the background, so the
// next page finds nothing left to do; a page asked for before then still sees every change.
// The reference is a report built from scratch over the same store.
import assert from 'node:assert/strict';
import path from 'node:path';
import { roundMoney } from '../shared/http/validate.js';
import { tempDataDir } from '../../test/support/http.js';
import { openLoansAlone } from '../../test/fixtures/loans.js';
import { seededRandom } from '../../test/support/random.js';
import { FineService } from './fines.js';
import { LoanIndex } from './loan-index.js';
import type { LoansParts } from './open.js';
import type { LoansSchema } from './store.js';
import type { Tx } from '../shared/store/json-store.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ALL = { limit: 10_000, offset: 0 };

describe('FineReport: the dirty members drained in the background', () => {
  let parts: LoansParts;
  let now = Date.parse('2026-06-01T12:00:00.000Z');
  const clock = () => now;
  const rand = seededRandom(11);
  const members = Array.from({ length: 50 }, (_, i) => `member${i}`);
  const pick = () => members[Math.floor(rand() * members.length)];

  /** A busy desk: loans lent (some long overdue), returned, and fines paid. */
  const busy = (tx: Tx<LoansSchema>) => {
    for (let i = 0; i < 40; i++) {
      const seq = tx.nextSeq('loan');
      const borrowedAt = now - Math.floor(rand() * 40 * DAY);
      tx.put('loans', `ln-${seq}`, {
        id: `ln-${seq}`, bookId: `bk-${seq}`, barcode: `BC${seq}`, username: pick(), borrowedAt: iso(borrowedAt),
        dueAt: iso(borrowedAt + 14 * DAY), renewals: 0, operationId: `op-${seq}`, confirmed: true,
      });
    }
    for (const loan of [...parts.store.values('loans')].slice(0, 10)) tx.remove('loans', loan.id);
    for (let i = 0; i < 15; i++) {
      const username = pick();
      const account = tx.get('accounts', username) ?? { username, charged: 0, paid: 0, updatedAt: iso(now) };
      tx.put('accounts', username, { ...account, charged: roundMoney(account.charged + rand() * 8), paid: roundMoney(account.paid + rand() * 2) });
    }
  };
  const fresh = () => new FineService(parts.store, parts.policy, new LoanIndex(parts.store), clock).list(ALL, now);
  /** Lets the event loop run until the report has nothing left to redo (bounded: a broken drain fails). */
  const drained = async (fines: FineService) => {
    for (let turns = 0; turns < 1000 && fines.reportPending > 0; turns++) await new Promise((resolve) => setImmediate(resolve));
  };

  before(async () => {
    parts = await openLoansAlone(path.join(tempDataDir('fine-report-'), 'loans'), clock);
    await parts.store.change(busy);
  });
  after(() => parts.close());

  it('redoes the written members before any page asks', async () => {
    const written = parts.store.change(busy);
    assert.ok(parts.fines.reportPending > 0, 'the write left members to redo');
    await written;
    await drained(parts.fines);
    assert.equal(parts.fines.reportPending, 0);
    assert.deepEqual(parts.fines.list(ALL, now), fresh());
  });

  it('answers a page asked for right after the writes with every change', async () => {
    const written = parts.store.change(busy);
    assert.ok(parts.fines.reportPending > 0);
    assert.deepEqual(parts.fines.list(ALL, now), fresh());
    await written;
  });

  it('stays right when writes and pages come between slices, and as the clock moves on', async () => {
    const fines = new FineService(parts.store, parts.policy, new LoanIndex(parts.store), clock, 0); // one member a slice
    for (let round = 0; round < 5; round++) {
      const written = parts.store.change(busy);
      await new Promise((resolve) => setImmediate(resolve)); // one slice, not all of them
      assert.ok(fines.reportPending > 0, 'one slice leaves the rest for the next');
      now += DAY / 3;
      assert.deepEqual(fines.list(ALL, now), fresh());
      await written;
      await drained(fines);
      assert.deepEqual(fines.list(ALL, now), fresh());
    }
  });
});
