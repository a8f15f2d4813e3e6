// borrow, return, renew, loans, hold, holds, cancel-hold, overdue, fines: one function per verb.
import {
  allLoans,
  borrowBook,
  cancelHold,
  getFines,
  listFines,
  listHolds,
  listLoans,
  payFine,
  placeHold,
  renewLoan,
  returnLoan,
  type BorrowTarget,
  type FineAccount,
  type Hold,
  type HoldFilter,
  type Loan,
  type LoanFilter,
  type Payment,
} from '../api/loans.js';
import type { Page } from '../api/types.js';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { fineAccount, fineList, holdCancelled, holdList, holdPlaced, loanList, loanMade, loanRenewed, loanReturned, overdueReport, paymentMade } from '../ui/loans.js';

export async function runBorrow(ctx: Ctx, input: { target: BorrowTarget; username?: string }): Promise<Loan> {
  const loan = await ctx.out.wait('Borrowing', borrowBook(ctx.api, input.target, input.username));
  await ctx.out.emit(loan, loanMade);
  return loan;
}

export async function runReturn(ctx: Ctx, input: { id: string }): Promise<Loan> {
  const loan = await ctx.out.wait('Returning', returnLoan(ctx.api, input.id));
  await ctx.out.emit(loan, loanReturned);
  return loan;
}

export async function runRenew(ctx: Ctx, input: { id: string }): Promise<Loan> {
  const loan = await ctx.out.wait('Renewing', renewLoan(ctx.api, input.id));
  await ctx.out.emit(loan, loanRenewed);
  return loan;
}

export async function runLoans(ctx: Ctx, filter: LoanFilter): Promise<Page<Loan>> {
  const page = await ctx.out.wait('Listing loans', listLoans(ctx.api, filter));
  await ctx.out.emit(page, (p, style) => loanList(p, filter.offset ?? 0, style));
  return page;
}

export async function runHold(ctx: Ctx, input: { bookId: string; username?: string }): Promise<Hold> {
  const hold = await ctx.out.wait('Placing the hold', placeHold(ctx.api, input.bookId, input.username));
  await ctx.out.emit(hold, holdPlaced);
  return hold;
}

export async function runHolds(ctx: Ctx, filter: HoldFilter): Promise<Page<Hold>> {
  const page = await ctx.out.wait('Listing holds', listHolds(ctx.api, filter));
  await ctx.out.emit(page, (p, style) => holdList(p, filter.offset ?? 0, style));
  return page;
}

export async function runCancelHold(ctx: Ctx, input: { id: string }): Promise<Hold> {
  const hold = await ctx.out.wait('Cancelling the hold', cancelHold(ctx.api, input.id));
  await ctx.out.emit(hold, holdCancelled);
  return hold;
}

/** The librarian's overdue report: every overdue loan, of every member. */
export async function runOverdue(ctx: Ctx): Promise<Loan[]> {
  const loans = await ctx.out.wait('Collecting overdue loans', allLoans(ctx.api, { status: 'overdue' }));
  await ctx.out.emit(loans, (l, style) => overdueReport(l, style));
  return loans;
}

/** One member's account; a librarian naming nobody gets everyone who owes. */
export async function runFines(ctx: Ctx, input: { username?: string }): Promise<FineAccount | Page<FineAccount>> {
  if (!input.username && ctx.session.current()?.user.role === 'librarian') {
    const page = await ctx.out.wait('Reading fines', listFines(ctx.api, { limit: 100 }));
    await ctx.out.emit(page, fineList);
    return page;
  }
  const account = await ctx.out.wait('Reading fines', getFines(ctx.api, input.username));
  await ctx.out.emit(account, fineAccount);
  return account;
}

export async function runPayFine(ctx: Ctx, input: { username: string; amount: number }): Promise<Payment> {
  const payment = await ctx.out.wait('Recording the payment', payFine(ctx.api, input.username, input.amount));
  await ctx.out.emit(payment, paymentMade);
  return payment;
}

/** A loan named by its id (ln-4), or by the book (bk-1) of the caller's one active loan of it. */
export async function resolveLoan(ctx: Ctx, ref: string): Promise<string> {
  if (/^ln-\d+$/i.test(ref)) return ref.toLowerCase();
  if (!/^bk-\d+$/i.test(ref)) throw new UsageError(`"${ref}" is neither a loan id (ln-4) nor a book id (bk-1)`);
  const username = ctx.session.current()?.user.username;
  const page = await ctx.out.wait('Finding the loan', listLoans(ctx.api, { bookId: ref.toLowerCase(), status: 'active', username, limit: 2 }));
  if (page.items.length === 0) throw new UsageError(`you have no active loan of ${ref}`);
  if (page.total > 1) throw new UsageError(`more than one active loan of ${ref}; give the loan id`);
  return page.items[0].id;
}
