// Stored records → the contract's shapes (types.ts). Whether a loan is overdue is worked
// out at the moment of asking, never stored.
import type { ClosedLoan, HoldRecord, OpenLoan } from './store.js';
import type { Hold, Loan } from './types.js';

export function isOverdue(loan: { dueAt: string }, now: number): boolean {
  return Date.parse(loan.dueAt) < now;
}

export function openLoanView(loan: OpenLoan, now: number): Loan {
  const { id, bookId, barcode, username, borrowedAt, dueAt, renewals } = loan;
  return { id, bookId, barcode, username, borrowedAt, dueAt, renewals, status: 'active', overdue: isOverdue(loan, now) };
}

export function closedLoanView(loan: ClosedLoan): Loan {
  const { id, bookId, barcode, username, borrowedAt, dueAt, renewals, returnedAt, fine } = loan;
  return { id, bookId, barcode, username, borrowedAt, dueAt, renewals, status: 'returned', overdue: false, returnedAt, fine };
}

export function holdView(hold: HoldRecord, position?: number): Hold {
  const { id, bookId, username, status, createdAt, barcode, readyAt, pickupBy, closedAt } = hold;
  const view: Hold = { id, bookId, username, status, createdAt };
  if (position !== undefined) view.position = position;
  if (barcode !== undefined) view.barcode = barcode;
  if (readyAt !== undefined) view.readyAt = readyAt;
  if (pickupBy !== undefined) view.pickupBy = pickupBy;
  if (closedAt !== undefined) view.closedAt = closedAt;
  return view;
}

/** Loan ids count up ("ln-7"), so their number orders them by creation. */
export function idNumber(id: string): number {
  return Number(id.slice(id.indexOf('-') + 1)) || 0;
}
