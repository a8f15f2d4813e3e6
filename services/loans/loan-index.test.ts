// The indexes answer exactly what the walks over every record they replaced answered:
// generated loans, holds and accounts, asked every way, before and after changes and as
// the clock moves on. The reference answers below are the old code, kept for comparison.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CsvLog } from '../shared/store/csv-log.js';
import type { Principal } from '../shared/auth.js';
import { roundMoney } from '../shared/http/validate.js';
import { tempDataDir } from '../../test/support/http.js';
import { openLoansAlone } from '../../test/fixtures/loans.js';
import { seededRandom } from '../../test/support/random.js';
import type { LoansParts } from './open.js';
import { fineFor } from './fine-rules.js';
import type { ClosedLoan, HoldRecord, OpenLoan } from './store.js';
import type { FineAccount, Loan } from './types.js';
import { closedLoanView, idNumber, isOverdue, openLoanView } from './views.js';

const DAY = 86_400_000;
const librarian: Principal = { username: 'admin', role: 'librarian' };

describe('loans indexes answer as the full walks did', () => {
  let parts: LoansParts;
  let dir: string;
  let now = Date.parse('2026-06-01T12:00:00.000Z');
  const rand = seededRandom(7);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const members = Array.from({ length: 60 }, (_, i) => `member${i}`);
  const books = Array.from({ length: 40 }, (_, i) => `bk-${i + 1}`);

  const open = () => openLoansAlone(dir, () => now);

  before(async () => {
    dir = path.join(tempDataDir('loans-index-'), 'loans');
    parts = await open();
    const closed: ClosedLoan[] = [];
    await parts.store.change((tx) => {
      for (let i = 0; i < 400; i++) {
        const seq = tx.nextSeq('loan');
        const id = `ln-${seq}`;
        const borrowedAt = now - Math.floor(rand() * 40 * DAY);
        const dueAt = borrowedAt + 14 * DAY;
        const base = { id, bookId: pick(books), barcode: `BC${seq}`, username: pick(members), borrowedAt: iso(borrowedAt), dueAt: iso(dueAt), renewals: 0 };
        if (rand() < 0.6) {
          const returnedAt = borrowedAt + Math.floor(rand() * 30 * DAY);
          // Odd formulas and quotes too, as csv-stringify escapes them.
          const tricky = rand() < 0.1 ? { barcode: `=BC,"${seq}"` } : {};
          closed.push({ ...base, ...tricky, returnedAt: iso(returnedAt), fine: fineFor(parts.policy, iso(dueAt), iso(returnedAt)) });
        } else tx.put('loans', id, { ...base, operationId: `op-${seq}`, confirmed: true });
      }
      for (const username of members) {
        if (rand() < 0.5) tx.put('accounts', username, { username, charged: roundMoney(rand() * 12), paid: roundMoney(rand() * 3), updatedAt: iso(now) });
      }
      for (let i = 0; i < 80; i++) {
        const seq = tx.nextSeq('hold');
        const ready = rand() < 0.3;
        const hold: HoldRecord = { id: `hd-${seq}`, seq, bookId: pick(books), username: pick(members), status: ready ? 'ready' : 'waiting', createdAt: iso(now - seq) };
        if (ready) Object.assign(hold, { barcode: `HB${seq}`, readyAt: iso(now), pickupBy: iso(now + DAY) });
        tx.put('holds', hold.id, hold);
      }
    });
    await parts.history.append(closed);
  });
  after(() => parts.close());

  const expectSame = () => {
    for (const status of [undefined, 'active', 'overdue', 'returned'] as const) {
      for (const username of [undefined, pick(members), pick(members)]) {
        for (const bookId of [undefined, pick(books)]) {
          for (const page of [{ limit: 20, offset: 0 }, { limit: 7, offset: 13 }, { limit: 100, offset: 150 }, { limit: 1000, offset: 0 }]) {
            const query = { status, username, bookId };
            assert.deepEqual(parts.loans.list(librarian, query, page), oldList(query, page), JSON.stringify({ query, page }));
          }
        }
      }
      const copies = [...parts.store.values('loans')].map((l) => l.barcode).slice(0, 3).concat(historyFromFile().slice(-3).map((l) => l.barcode));
      for (const barcode of copies) {
        const query = { status, barcode };
        assert.deepEqual(parts.loans.list(librarian, query, { limit: 20, offset: 0 }), oldList(query, { limit: 20, offset: 0 }), JSON.stringify(query));
      }
    }
    for (const page of [{ limit: 20, offset: 0 }, { limit: 9, offset: 11 }, { limit: 500, offset: 0 }]) {
      assert.deepEqual(parts.fines.list(page, now), oldFines(page), JSON.stringify(page));
    }
    for (const username of members) assert.deepEqual(parts.fines.account(librarian, username, now), oldDescribe(username));
    for (const bookId of books) {
      assert.equal(parts.holds.hasWaiting(bookId), oldQueue(bookId).length > 0, bookId);
      for (const username of [pick(members), pick(members)]) {
        assert.equal(parts.holds.bookHeldFrom(username, bookId), oldBookHeldFrom(username, bookId), `${username} ${bookId}`);
        assert.equal(parts.holds.readyHoldOf(username, bookId), oldHolds().find((h) => h.username === username && h.bookId === bookId && h.status === 'ready'));
      }
    }
  };

  it('at the start', () => expectSame());

  it('after returns, renewals, payments and new loans, and as the clock moves on', async () => {
    for (let round = 0; round < 6; round++) {
      const returning: ClosedLoan[] = [];
      await parts.store.change((tx) => {
        const open = [...parts.store.values('loans')];
        for (let i = 0; i < 15; i++) {
          const loan = pick(open);
          if (!tx.get('loans', loan.id)) continue;
          if (rand() < 0.5) {
            tx.remove('loans', loan.id);
            const returnedAt = iso(now);
            const { operationId: _o, confirmed: _c, ...rest } = loan;
            returning.push({ ...rest, returnedAt, fine: fineFor(parts.policy, loan.dueAt, returnedAt) });
          } else tx.put('loans', loan.id, { ...loan, dueAt: iso(Date.parse(loan.dueAt) + 14 * DAY), renewals: loan.renewals + 1 });
        }
        for (let i = 0; i < 10; i++) {
          const seq = tx.nextSeq('loan');
          tx.put('loans', `ln-${seq}`, {
            id: `ln-${seq}`, operationId: `op-${seq}`, confirmed: true, bookId: pick(books), barcode: `BC${seq}`, username: pick(members),
            borrowedAt: iso(now), dueAt: iso(now + Math.floor(rand() * 3 * DAY)), renewals: 0,
          });
        }
        const username = pick(members);
        const account = tx.get('accounts', username);
        if (account) tx.put('accounts', username, { ...account, paid: account.charged });
        const hold = pick([...parts.store.values('holds')]);
        if (hold) tx.remove('holds', hold.id);
      });
      await parts.history.append(returning);
      expectSame();
      now += Math.floor(rand() * 2 * DAY);
      expectSame();
    }
  });

  it('after a restart, reading the files once, with no returned loan left in memory', async () => {
    // A closed loan the last process kept in the store (as stores before the history index did).
    const old = historyFromFile()[0];
    await parts.store.change((tx) => tx.put('returned', old.id, old));
    await parts.close();
    parts = await open();
    assert.equal(parts.store.count('returned'), 0);
    expectSame();
  });

  it('when the clock goes back', () => {
    now -= 20 * DAY;
    expectSame();
    now += 40 * DAY;
    expectSame();
  });

  // The old code, for reference.
  function oldList(query: { status?: string; username?: string; bookId?: string; barcode?: string }, page: { limit: number; offset: number }) {
    const wanted = (loan: { username: string; bookId: string; barcode: string }) =>
      (query.username === undefined || loan.username === query.username) &&
      (query.bookId === undefined || loan.bookId === query.bookId) &&
      (query.barcode === undefined || loan.barcode === query.barcode);
    const loans: Loan[] = [];
    if (query.status !== 'returned') {
      for (const loan of parts.store.values('loans')) if (wanted(loan) && (query.status !== 'overdue' || isOverdue(loan, now))) loans.push(openLoanView(loan, now));
    }
    if (query.status === undefined || query.status === 'returned') {
      for (const loan of historyFromFile()) if (wanted(loan)) loans.push(closedLoanView(loan));
    }
    loans.sort((a, b) => idNumber(b.id) - idNumber(a.id));
    return { items: loans.slice(page.offset, page.offset + page.limit), total: loans.length };
  }

  /** The history as csv-parse reads the file: the reference for the history's own reader. */
  function historyFromFile(): ClosedLoan[] {
    const rows = CsvLog.parseText(readFileSync(parts.history.file, 'utf8'), parts.history.file);
    const unescape = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);
    return rows.map((r) => ({
      id: r.loan_id, bookId: unescape(r.book_id), barcode: unescape(r.barcode), username: unescape(r.username), borrowedAt: r.borrowed_at,
      dueAt: r.due_at, returnedAt: r.returned_at, renewals: Number(r.renewals), fine: Number(r.fine),
    }));
  }

  function oldOpenOf(username: string): OpenLoan[] {
    return [...parts.store.values('loans')].filter((loan) => loan.username === username);
  }

  function oldDescribe(username: string): FineAccount {
    const { policy } = parts;
    const account = parts.store.get('accounts', username);
    const charged = account?.charged ?? 0;
    const paid = account?.paid ?? 0;
    const balance = roundMoney(charged - paid);
    const overdue = oldOpenOf(username).filter((loan) => isOverdue(loan, now));
    const accruing = roundMoney(overdue.reduce((sum, loan) => sum + fineFor(policy, loan.dueAt, iso(now)), 0));
    const blocked = balance > policy.blockFineAbove || (policy.blockWhenOverdue && overdue.length > 0);
    return { username, charged, paid, balance, accruing, overdueLoans: overdue.length, blocked };
  }

  function oldFines(page: { limit: number; offset: number }) {
    const names = new Set<string>();
    for (const account of parts.store.values('accounts')) if (account.charged > account.paid) names.add(account.username);
    for (const loan of parts.store.values('loans')) if (isOverdue(loan, now)) names.add(loan.username);
    const accounts = [...names].map(oldDescribe);
    accounts.sort((a, b) => b.balance + b.accruing - (a.balance + a.accruing) || a.username.localeCompare(b.username));
    return { items: accounts.slice(page.offset, page.offset + page.limit), total: accounts.length };
  }

  function oldHolds(): HoldRecord[] {
    return [...parts.store.values('holds')];
  }

  function oldQueue(bookId: string): HoldRecord[] {
    return oldHolds().filter((h) => h.bookId === bookId && h.status === 'waiting').sort((a, b) => a.seq - b.seq);
  }

  function oldBookHeldFrom(username: string, bookId: string): boolean {
    for (const h of oldHolds()) if (h.bookId === bookId && h.status === 'ready' && h.username !== username) return true;
    for (const loan of parts.store.values('loans')) if (loan.bookId === bookId && loan.returning?.shelf === 'on-hold-shelf') return true;
    for (const task of parts.store.values('reshelve')) if (task.bookId === bookId) return true;
    return false;
  }
});

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
