// Loans, holds and fines, through the gateway: every call needs a login; members see
// their own, librarians everyone's.
import { segment, type ApiClient } from './client.js';
import type { Page, PageQuery } from './types.js';
import type { FineAccount, Hold, HoldStatus, Loan, NextShelf, Payment, ReturnedLoan } from '../../services/loans/types.js';

export type { FineAccount, Hold, HoldStatus, Loan, NextShelf, Payment, ReturnedLoan };

export type BorrowTarget = { bookId: string } | { barcode: string };
export type LoanStatusFilter = 'active' | 'overdue' | 'returned';

export interface LoanFilter extends PageQuery {
  username?: string;
  bookId?: string;
  barcode?: string;
  status?: LoanStatusFilter;
}

export interface HoldFilter extends PageQuery {
  username?: string;
  bookId?: string;
  status?: HoldStatus;
}

export function borrowBook(api: ApiClient, target: BorrowTarget, username?: string): Promise<Loan> {
  return api.post('/loans', { ...target, ...(username ? { username } : {}) });
}

export function returnLoan(api: ApiClient, id: string): Promise<ReturnedLoan> {
  return api.post(`/loans/${segment(id)}/return`);
}

export function renewLoan(api: ApiClient, id: string): Promise<Loan> {
  return api.post(`/loans/${segment(id)}/renew`);
}

export function getLoan(api: ApiClient, id: string): Promise<Loan> {
  return api.get(`/loans/${segment(id)}`);
}

export function listLoans(api: ApiClient, filter: LoanFilter = {}): Promise<Page<Loan>> {
  return api.get('/loans', { searchParams: { ...filter } });
}

/** Every page of a loan list (the overdue report wants them all). */
export async function allLoans(api: ApiClient, filter: Omit<LoanFilter, 'limit' | 'offset'>): Promise<Loan[]> {
  const loans: Loan[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await listLoans(api, { ...filter, limit: 100, offset });
    loans.push(...page.items);
    if (page.items.length === 0 || loans.length >= page.total) return loans;
  }
}

export function placeHold(api: ApiClient, bookId: string, username?: string): Promise<Hold> {
  return api.post('/holds', { bookId, ...(username ? { username } : {}) });
}

export function listHolds(api: ApiClient, filter: HoldFilter = {}): Promise<Page<Hold>> {
  return api.get('/holds', { searchParams: { ...filter } });
}

export function cancelHold(api: ApiClient, id: string): Promise<Hold> {
  return api.delete(`/holds/${segment(id)}`);
}

export function getFines(api: ApiClient, username?: string): Promise<FineAccount> {
  return api.get('/fines', { searchParams: { username } });
}

export function listFines(api: ApiClient, query: PageQuery = {}): Promise<Page<FineAccount>> {
  return api.get('/fines', { searchParams: { ...query } });
}

export function payFine(api: ApiClient, username: string, amount: number): Promise<Payment> {
  return api.post('/fines/payments', { username, amount });
}
