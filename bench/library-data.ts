// The benchmark's large library, written straight into the services' own files (their
// stores' snapshots and loan_history.csv, through the same store code the services run),
// not through HTTP: 20,000 members, 10,000 books × 8 copies, 50,000 active loans of which
// ~2,500 overdue, 200,000 returned loans. Runs after setup seeded the catalog, inventory
// and users, and before the services start. Deterministic (seeded random).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openInventoryStore } from '../services/inventory/store.js';
import { fineFor } from '../services/loans/fines.js';
import { loadPolicy } from '../services/loans/policy.js';
import { HISTORY_COLUMNS, HISTORY_FILE, historyRow, openLoansStore, type ClosedLoan, type OpenLoan } from '../services/loans/store.js';
import { CsvLog } from '../services/shared/store/csv-log.js';
import { hashPassword } from '../services/users/password.js';
import { UNLOCKED } from '../services/users/lockout.js';
import { openUsersStore, type StoredUser } from '../services/users/store.js';
import { seededRandom } from './books-csv.js';

export interface LibrarySpec {
  members: number;
  active: number;
  overdue: number;
  returned: number;
  /** Books whose copies the generated loans leave alone (the load's own borrowing). */
  spare: ReadonlySet<string>;
}

export const LARGE: Omit<LibrarySpec, 'spare'> = { members: 20_000, active: 50_000, overdue: 2_500, returned: 200_000 };
export const COPIES_PER_BOOK = 8;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
export const memberName = (i: number) => `member-${String(i).padStart(5, '0')}`;

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
    });
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
