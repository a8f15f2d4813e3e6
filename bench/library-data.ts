// The benchmark's large library, written straight into the services' own files (their
// stores' snapshots and loan_history.csv, through the same store code the services run),
// not through HTTP: 20,000 members, 10,000 books × 8 copies, 50,000 active loans of which
// ~2,500 overdue, 200,000 returned loans, 20,000 closed holds and 2,000 waiting ones. Runs
// after setup seeded the catalog, inventory and users, and before the services start.
// Deterministic (seeded random).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openInventoryStore, type StoredCopy } from '../services/inventory/store.js';
import { fineFor } from '../services/loans/fine-rules.js';
import { loadPolicy } from '../services/loans/policy.js';
import { HISTORY_COLUMNS, HISTORY_FILE, historyRow, openLoansStore, type ClosedLoan, type HoldRecord, type LoansSchema, type OpenLoan } from '../services/loans/store.js';
import { CsvLog } from '../services/shared/store/csv-log.js';
import type { Tx } from '../services/shared/store/json-store.js';
import { hashPassword } from '../services/users/password.js';
import { UNLOCKED } from '../services/users/lockout.js';
import { openUsersStore, type StoredUser } from '../services/users/store.js';
import { seededRandom } from './books-csv.js';

export interface LibrarySpec {
  members: number;
  active: number;
  overdue: number;
  returned: number;
  /** Holds fulfilled, cancelled or expired (the loans store's closedHolds). */
  closedHolds: number;
  /** Holds still in a queue, on books with every copy lent. */
  waitingHolds: number;
  /** Books whose copies the generated loans leave alone (the load's own borrowing). */
  spare: ReadonlySet<string>;
}

export const LARGE: Omit<LibrarySpec, 'spare'> = { members: 20_000, active: 50_000, overdue: 2_500, returned: 200_000, closedHolds: 20_000, waitingHolds: 2_000 };
/**
 * The same library at a hundredth: enough for every librarian page the benchmark reads to be
 * full (50 users, 20 overdue loans, 20 waiting holds), so small against large compares pages
 * of equal length and only the size of what the services hold differs.
 */
export const SMALL: Omit<LibrarySpec, 'spare'> = { members: 200, active: 500, overdue: 25, returned: 2_000, closedHolds: 200, waitingHolds: 20 };
export const COPIES_PER_BOOK = 8;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
export const memberName = (i: number) => `member-${String(i).padStart(5, '0')}`;

/**
 * Inside the loans change: the closed holds first (the oldest seqs, placed over the last two
 * years), then the waiting ones (this month), as HoldService writes them. A waiting hold is
 * only on a book with no copy free (the rule POST /holds checks), never on a book its member
 * has on loan or holds already: so the queues are on the books the generated loans lent
 * every copy of. `copies`: the copies lendable here, `lent` those the loans took.
 */
function writeHolds(
  tx: Tx<LoansSchema>, spec: LibrarySpec, random: () => number, now: number, pickupWindowMs: number,
  copies: readonly StoredCopy[], lent: readonly StoredCopy[], onLoan: ReadonlySet<string>,
): void {
  const barcodesOf = new Map<string, string[]>();
  for (const { bookId, barcode } of copies) barcodesOf.set(bookId, [...(barcodesOf.get(bookId) ?? []), barcode]);
  const books = [...barcodesOf.keys()];
  const member = () => memberName(1 + Math.floor(random() * spec.members));
  for (let i = 0; i < spec.closedHolds; i++) {
    const seq = tx.nextSeq('hold');
    const placed = now - 30 * DAY - Math.floor(random() * 700 * DAY);
    const bookId = books[Math.floor(random() * books.length)];
    const hold: HoldRecord = { id: `hd-${seq}`, seq, bookId, username: member(), status: 'cancelled', createdAt: iso(placed) };
    if (random() < 0.25) hold.closedAt = iso(placed + Math.floor(random() * 10 * DAY)); // cancelled while waiting
    else {
      // Made ready with a returned copy, then collected (most), let lapse, or cancelled.
      const ready = placed + Math.floor(random() * 20 * DAY);
      const barcodes = barcodesOf.get(bookId)!;
      const fate = random();
      hold.status = fate < 0.8 ? 'fulfilled' : fate < 0.93 ? 'expired' : 'cancelled';
      const closed = hold.status === 'expired' ? ready + pickupWindowMs : ready + Math.floor(random() * pickupWindowMs);
      Object.assign(hold, { barcode: barcodes[Math.floor(random() * barcodes.length)], readyAt: iso(ready), pickupBy: iso(ready + pickupWindowMs), closedAt: iso(closed) });
    }
    tx.put('closedHolds', hold.id, hold);
  }
  const lentOf = new Map<string, number>();
  for (const loan of lent) lentOf.set(loan.bookId, (lentOf.get(loan.bookId) ?? 0) + 1);
  const full = books.filter((bookId) => lentOf.get(bookId) === barcodesOf.get(bookId)!.length);
  if (full.length === 0 && spec.waitingHolds > 0) throw new Error('no book has every copy lent: nothing to wait for');
  const held = new Set<string>();
  for (let i = 0; i < spec.waitingHolds; ) {
    const bookId = full[Math.floor(random() * full.length)];
    const username = member();
    const key = `${username}\u0000${bookId}`;
    if (onLoan.has(key) || held.has(key)) continue;
    held.add(key);
    const seq = tx.nextSeq('hold');
    const hold: HoldRecord = { id: `hd-${seq}`, seq, bookId, username, status: 'waiting', createdAt: iso(now - 30 * DAY + Math.floor(((i + random()) / spec.waitingHolds) * 30 * DAY)) };
    tx.put('holds', hold.id, hold);
    i++;
  }
}

export async function generateLibrary(dataDir: string, spec: LibrarySpec): Promise<void> {
  const random = seededRandom(12);
  const now = Date.now();
  const policy = loadPolicy(path.join(dataDir, 'loans', 'policy.json'), {});

  const users = await openUsersStore(path.join(dataDir, 'users'));
  const passwordHash = await hashPassword('member-password-not-used'); // one hash for all: argon2 costs
  await users.change((tx) => {
    for (let i = 1; i <= spec.members; i++) {
      const username = memberName(i);
      const at = iso(now - 400 * DAY + i * 1000);
      const user: StoredUser = {
        username, name: `Member ${i}`, email: `${username}@library.example`, role: 'member', active: true,
        createdAt: at, updatedAt: at, passwordHash, ...UNLOCKED,
      };
      tx.put('users', username, user);
    }
  });
  await users.compact();
  await users.close();

  // Copies to lend: every copy of a book the load does not use, in a shuffled order.
  const inventory = await openInventoryStore(path.join(dataDir, 'inventory'));
  const copies = [...inventory.values('copies')].filter((c) => c.status === 'available' && !spec.spare.has(c.bookId));
  for (let i = copies.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copies[i], copies[j]] = [copies[j], copies[i]];
  }
  if (copies.length < spec.active) throw new Error(`only ${copies.length} copies to lend, ${spec.active} wanted`);
  const lent = copies.slice(0, spec.active);

  const loans = await openLoansStore(path.join(dataDir, 'loans'));
  const charged = new Map<string, number>();
  const history: ClosedLoan[] = [];
  const onLoan = new Set<string>(); // member \0 book of every generated open loan
  await loans.change((tx) => {
    // The returned loans first (the oldest ids), then the active ones.
    for (let i = 0; i < spec.returned; i++) {
      const copy = copies[Math.floor(random() * copies.length)];
      const username = memberName(1 + Math.floor(random() * spec.members));
      const borrowed = now - 30 * DAY - Math.floor(random() * 700 * DAY);
      const due = borrowed + policy.loanPeriodMs;
      const late = random() < 0.1;
      const returned = late ? due + Math.floor(random() * 20 * DAY) : borrowed + Math.floor(random() * policy.loanPeriodMs);
      const fine = fineFor(policy, iso(due), iso(returned));
      if (fine > 0) charged.set(username, (charged.get(username) ?? 0) + fine);
      history.push({
        id: `ln-${tx.nextSeq('loan')}`, bookId: copy.bookId, barcode: copy.barcode, username,
        borrowedAt: iso(borrowed), dueAt: iso(due), renewals: 0, returnedAt: iso(returned), fine,
      });
    }
    lent.forEach((copy, i) => {
      // Spread so no member has more than the policy allows: loan i goes to member i mod N.
      const username = memberName(1 + (i % spec.members));
      const overdue = i % Math.round(spec.active / spec.overdue) === 0;
      const borrowed = overdue ? now - policy.loanPeriodMs - DAY - Math.floor(random() * 30 * DAY) : now - Math.floor(random() * (policy.loanPeriodMs - DAY));
      const id = `ln-${tx.nextSeq('loan')}`;
      const loan: OpenLoan = {
        id, operationId: `bench-borrow-${i}`, confirmed: true, bookId: copy.bookId, barcode: copy.barcode, username,
        borrowedAt: iso(borrowed), dueAt: iso(borrowed + policy.loanPeriodMs), renewals: 0,
      };
      tx.put('loans', id, loan);
      onLoan.add(`${username}\u0000${copy.bookId}`);
    });
    writeHolds(tx, spec, random, now, policy.pickupWindowMs, copies, lent, onLoan);
    // Most paid their fines; one in five still owes what they were charged.
    let k = 0;
    for (const [username, amount] of charged) {
      const cents = Math.round(amount * 100);
      tx.put('accounts', username, { username, charged: cents / 100, paid: k++ % 5 === 0 ? 0 : cents / 100, updatedAt: iso(now) });
    }
  });
  await loans.compact();
  await loans.close();

  await inventory.change((tx) => {
    lent.forEach((copy, i) => {
      const operationId = `bench-borrow-${i}`;
      tx.put('copies', copy.barcode, { ...copy, status: 'on-loan', takeId: operationId, updatedAt: iso(now) });
      tx.put('copyTakes', operationId, {
        operationId, bookId: copy.bookId, barcode: copy.barcode, previousStatus: 'available', state: 'confirmed', expiresAt: iso(now), settledAt: iso(now),
      });
    });
  });
  await inventory.compact();
  await inventory.close();

  // Returned in the order they came back, as the service appends them.
  history.sort((a, b) => Date.parse(a.returnedAt) - Date.parse(b.returnedAt));
  writeFileSync(path.join(dataDir, 'loans', HISTORY_FILE), CsvLog.format(history.map(historyRow), HISTORY_COLUMNS, true));
}
