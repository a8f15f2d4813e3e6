// Loans' files under DATA_DIR/loans: one DurableStore (loans.json snapshot + loans.journal)
// and the append-only history of returned loans (loan_history.csv). Open loans and open
// holds are kept apart from closed ones, so the checks a borrow makes look only at what
// is open, however long the history grows.
import { DurableStore } from '../shared/store/json-store.js';
import type { HoldStatus, Loan } from './types.js';
import { ClosedHoldTable } from './closed-hold-table.js';
import { stringSharer } from './share-strings.js';

export const STORE_NAME = 'loans';
export const POLICY_FILE = 'policy.json';
export const HISTORY_FILE = 'loan_history.csv';
export const HISTORY_COLUMNS = [
  'loan_id',
  'book_id',
  'barcode',
  'username',
  'borrowed_at',
  'due_at',
  'returned_at',
  'renewals',
  'fine',
] as const;

/** Written before a copy is taken, so a crash before the loan is recorded can be undone. */
export interface Intent {
  operationId: string;
  username: string;
  /** Known up front when borrowing by book; by barcode it comes with the take. */
  bookId?: string;
  barcode?: string;
  /** The ready hold this borrow picks up. */
  holdId?: string;
  createdAt: string;
}

/** A copy on its way back: checked in at inventory, then the loan is closed. */
export interface Returning {
  operationId: string;
  shelf: 'available' | 'on-hold-shelf';
  at: string;
}

/** What every loan record holds, open or closed: the contract's fields of a loan. */
type LoanRecord = Pick<Loan, 'id' | 'bookId' | 'barcode' | 'username' | 'borrowedAt' | 'dueAt' | 'renewals'>;

export interface OpenLoan extends LoanRecord {
  operationId: string;
  /** Inventory has confirmed the take; until then it is retried. */
  confirmed: boolean;
  returning?: Returning;
}

export interface ClosedLoan extends LoanRecord {
  returnedAt: string;
  fine: number;
}

export interface HoldRecord {
  id: string;
  /** Queue order: first come, first served. */
  seq: number;
  bookId: string;
  username: string;
  status: HoldStatus;
  createdAt: string;
  barcode?: string;
  readyAt?: string;
  pickupBy?: string;
  closedAt?: string;
}

export interface Account {
  username: string;
  charged: number;
  paid: number;
  updatedAt: string;
}

export interface PaymentRecord {
  id: string;
  username: string;
  amount: number;
  paidAt: string;
  receivedBy: string;
  balance: number;
}

/** A copy left on the hold shelf with nobody to collect it: inventory puts it back. */
export interface Reshelve {
  operationId: string;
  barcode: string;
  bookId: string;
  createdAt: string;
}

export type LoansSchema = {
  intents: Intent;
  loans: OpenLoan;
  /** Closed loans whose row is not in loan_history.csv yet (history.ts holds the rest). */
  returned: ClosedLoan;
  holds: HoldRecord;
  closedHolds: HoldRecord;
  accounts: Account;
  payments: PaymentRecord;
  reshelve: Reshelve;
};

export const COLLECTIONS = ['intents', 'loans', 'returned', 'holds', 'closedHolds', 'accounts', 'payments', 'reshelve'] as const;

export type LoansStore = DurableStore<LoansSchema>;

export async function openLoansStore(dir: string, compactAfterBytes?: number): Promise<LoansStore> {
  const sharer = stringSharer();
  // Closed holds packed (closed-hold-table.ts): most holds ever placed, read a page at a time.
  const tables = { closedHolds: () => new ClosedHoldTable() };
  const store = await DurableStore.open<LoansSchema>({ dir, name: STORE_NAME, collections: COLLECTIONS, compactAfterBytes, prepare: sharer.prepare, tables });
  sharer.done(); // the pool's map (a key per distinct string) is only needed while reading
  return store;
}


export function historyRow(loan: ClosedLoan): Record<(typeof HISTORY_COLUMNS)[number], string | number> {
  return {
    loan_id: loan.id,
    book_id: loan.bookId,
    barcode: loan.barcode,
    username: loan.username,
    borrowed_at: loan.borrowedAt,
    due_at: loan.dueAt,
    returned_at: loan.returnedAt,
    renewals: loan.renewals,
    fine: loan.fine.toFixed(2),
  };
}
