// The loans contract: what its routes take and answer. Loans, holds and fines live here;
// copies and books are inventory's and the catalog's (services/contracts/).

/**
 * POST /loans { bookId } or { barcode }; a librarian may add `username` to lend to a member.
 * 201 Loan. 404 /problems/unknown-book (or unknown barcode);
 * 409 /problems/no-copy-available, /problems/copy-held, /problems/already-borrowed;
 * 422 /problems/loan-limit-reached, /problems/member-blocked;
 * 503 /problems/service-unavailable (inventory), and then nothing is recorded.
 */
export interface BorrowRequest {
  bookId?: string;
  barcode?: string;
  username?: string;
}

/** A loan is "active" until returned; an active loan past its due time is `overdue`. */
export type LoanStatus = 'active' | 'returned';

export interface Loan {
  id: string; // "ln-1"
  bookId: string;
  barcode: string;
  username: string;
  borrowedAt: string;
  dueAt: string;
  renewals: number;
  status: LoanStatus;
  overdue: boolean;
  /** Only once returned. */
  returnedAt?: string;
  /** Only once returned: the fine charged for the late return (0 when on time). */
  fine?: number;
}

/** Where a copy goes after its check-in: back to the open shelf, or to the hold shelf for `username`. */
export type NextShelf = { shelf: 'open' } | { shelf: 'hold'; holdId: string; username: string };

/** The answer to a return: the closed loan and where its copy goes now (the desk's instruction). */
export interface ReturnedLoan extends Loan {
  next: NextShelf;
}

/**
 * POST /loans/:id/return → 200 ReturnedLoan (status "returned", returnedAt, fine, next).
 *   409 /problems/loan-returned when it already was; 503 when inventory does not answer the
 *   check-in: the return stays pending (never undone) and a retry or upkeep finishes it.
 * POST /loans/:id/renew → 200 Loan with the new dueAt (old dueAt + loan period).
 *   422 /problems/renewal-limit, 422 /problems/loan-overdue, 409 /problems/book-on-hold.
 * GET /loans?username=&bookId=&barcode=&status=active|overdue|returned&limit=&offset= → LoanList
 *   (members: their own only; `barcode` with `status=active` finds the loan of a copy at the desk). `overdue` is the subset of `active` past its due time.
 * GET /loans/:id → Loan (another member's loan → 404).
 */
export interface LoanList {
  items: Loan[];
  total: number;
}

export type HoldStatus = 'waiting' | 'ready' | 'fulfilled' | 'cancelled' | 'expired';

/**
 * A place in the queue for a book. "ready": a returned copy (`barcode`) waits on the hold
 * shelf for this member until `pickupBy`; after that it goes to the next in line.
 */
export interface Hold {
  id: string; // "hd-1"
  bookId: string;
  username: string;
  status: HoldStatus;
  createdAt: string;
  /** 1 = next in line; only while waiting. */
  position?: number;
  barcode?: string;
  readyAt?: string;
  pickupBy?: string;
  closedAt?: string;
}

/**
 * POST /holds { bookId } (a librarian may add `username`) → 201 Hold.
 *   409 /problems/copy-available when a copy can be borrowed now, /problems/hold-exists,
 *   /problems/already-borrowed; 404 /problems/unknown-book.
 * GET /holds?bookId=&username=&status=&limit=&offset= → HoldList (members: their own).
 * DELETE /holds/:id → 200 Hold (status "cancelled"); 409 /problems/hold-closed.
 */
export interface PlaceHoldRequest {
  bookId: string;
  username?: string;
}

export interface HoldList {
  items: Hold[];
  total: number;
}

/**
 * GET /fines?username= → FineAccount (members: their own; librarians name anyone).
 * GET /fines (librarian, no username) → FineAccountList of members who owe or are overdue.
 * POST /fines/payments { username, amount } (librarian) → 201 Payment;
 *   422 /problems/payment-exceeds-balance.
 */
export interface FineAccount {
  username: string;
  /** Fines charged on returned loans, ever. */
  charged: number;
  paid: number;
  /** charged - paid: what the member owes now. */
  balance: number;
  /** What the member's overdue loans would be charged if returned now. */
  accruing: number;
  overdueLoans: number;
  blocked: boolean;
}

export interface FineAccountList {
  items: FineAccount[];
  total: number;
}

export interface PaymentRequest {
  username: string;
  amount: number;
}

export interface Payment {
  id: string; // "pay-1"
  username: string;
  amount: number;
  paidAt: string;
  receivedBy: string;
  /** The balance left after this payment. */
  balance: number;
}

/** DATA_DIR/loans/policy.json (every field optional; env variables override each one). */
export interface LoanPolicy {
  loanPeriod: string; // ISO-8601 duration, e.g. "P14D", "PT2S"
  renewals: number;
  maxActiveLoans: number;
  holdPickupWindow: string;
  finePerDay: number;
  fineCap: number;
  blockFineAbove: number;
  blockWhenOverdue: boolean;
}
