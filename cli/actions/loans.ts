// borrow, return, renew, loans, hold, holds, cancel-hold, overdue, fines, and the front
// desk's checkout, checkin and hold shelf: one function per verb. Circulation output names
// books by title, looked up in the catalog (titlesOf) — never in --json, where ids are enough.
import { titlesOf } from '../api/books.js';
import { ApiProblem } from '../api/errors.js';
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
  type ReturnedLoan,
} from '../api/loans.js';
import type { Page } from '../api/types.js';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import {
  fineAccount,
  fineList,
  holdCancelled,
  holdList,
  holdPlaced,
  holdShelf,
  loanList,
  loanMade,
  loanRenewed,
  loanReturned,
  overdueReport,
  paymentMade,
  type Titles,
} from '../ui/loans.js';

/** Titles of the books `items` name, unless the output is JSON. */
export function titlesFor(ctx: Ctx, items: readonly { bookId: string }[]): Promise<Titles> {
  if (ctx.out.json || items.length === 0) return Promise.resolve(new Map());
  return titlesOf(ctx.api, items.map((i) => i.bookId));
}

export async function runBorrow(ctx: Ctx, input: { target: BorrowTarget; username?: string }): Promise<Loan> {
  const loan = await ctx.out.wait('Borrowing', borrowBook(ctx.api, input.target, input.username));
  const titles = await titlesFor(ctx, [loan]);
  await ctx.out.emit(loan, (l, style) => loanMade(l, style, titles));
  return loan;
}

/** The desk lends a copy (by barcode) or a book (by id) to a member. */
export function runCheckout(ctx: Ctx, input: { item: string; member: string }): Promise<Loan> {
  const target: BorrowTarget = /^bk-\d+$/i.test(input.item) ? { bookId: input.item.toLowerCase() } : { barcode: input.item.toUpperCase() };
  return runBorrow(ctx, { target, username: input.member });
}

export async function runReturn(ctx: Ctx, input: { id: string }): Promise<ReturnedLoan> {
  const loan = await ctx.out.wait('Returning', returnLoan(ctx.api, input.id));
  const titles = await titlesFor(ctx, [loan]);
  await ctx.out.emit(loan, (l, style) => loanReturned(l, style, titles));
  return loan;
}

/** The desk checks a copy in by its barcode: its active loan is returned, and the answer says where the copy goes. */
export async function runCheckin(ctx: Ctx, input: { barcode: string }): Promise<ReturnedLoan> {
  const barcode = input.barcode.toUpperCase();
  const page = await ctx.out.wait('Finding the loan', listLoans(ctx.api, { barcode, status: 'active', limit: 1 }));
  if (page.items.length === 0) throw notOnLoan(barcode);
  return runReturn(ctx, { id: page.items[0].id });
}

export async function runRenew(ctx: Ctx, input: { id: string }): Promise<Loan> {
  const loan = await ctx.out.wait('Renewing', renewLoan(ctx.api, input.id));
  const titles = await titlesFor(ctx, [loan]);
  await ctx.out.emit(loan, (l, style) => loanRenewed(l, style, titles));
  return loan;
}

export async function runLoans(ctx: Ctx, filter: LoanFilter): Promise<Page<Loan>> {
  const page = await ctx.out.wait('Listing loans', listLoans(ctx.api, filter));
  const titles = await titlesFor(ctx, page.items);
  await ctx.out.emit(page, (p, style) => loanList(p, filter.offset ?? 0, style, titles));
  return page;
}

export async function runHold(ctx: Ctx, input: { bookId: string; username?: string }): Promise<Hold> {
  const hold = await ctx.out.wait('Placing the hold', placeHold(ctx.api, input.bookId, input.username));
  const titles = await titlesFor(ctx, [hold]);
  await ctx.out.emit(hold, (h, style) => holdPlaced(h, style, titles));
  return hold;
}

export async function runHolds(ctx: Ctx, filter: HoldFilter): Promise<Page<Hold>> {
  const page = await ctx.out.wait('Listing holds', listHolds(ctx.api, filter));
  const titles = await titlesFor(ctx, page.items);
  await ctx.out.emit(page, (p, style) => holdList(p, filter.offset ?? 0, style, titles));
  return page;
}

/** The hold shelf: every ready hold, i.e. each copy set aside and for whom. */
export async function runHoldShelf(ctx: Ctx): Promise<Hold[]> {
  const holds: Hold[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await ctx.out.wait('Reading the hold shelf', listHolds(ctx.api, { status: 'ready', limit: 100, offset }));
    holds.push(...page.items);
    if (page.items.length === 0 || holds.length >= page.total) break;
  }
  const titles = await titlesFor(ctx, holds);
  await ctx.out.emit(holds, (h, style) => holdShelf(h, style, titles));
  return holds;
}

export async function runCancelHold(ctx: Ctx, input: { id: string }): Promise<Hold> {
  const hold = await ctx.out.wait('Cancelling the hold', cancelHold(ctx.api, input.id));
  const titles = await titlesFor(ctx, [hold]);
  await ctx.out.emit(hold, (h, style) => holdCancelled(h, style, titles));
  return hold;
}

/** The librarian's overdue report: every overdue loan, of every member. */
export async function runOverdue(ctx: Ctx): Promise<Loan[]> {
  const loans = await ctx.out.wait('Collecting overdue loans', allLoans(ctx.api, { status: 'overdue' }));
  const titles = await titlesFor(ctx, loans);
  await ctx.out.emit(loans, (l, style) => overdueReport(l, style, titles));
  return loans;
}

/** One member's account (the caller's own when no one is named). */
export async function runFines(ctx: Ctx, input: { username?: string }): Promise<FineAccount> {
  const account = await ctx.out.wait('Reading fines', getFines(ctx.api, input.username));
  await ctx.out.emit(account, fineAccount);
  return account;
}

/** A librarian's list of everyone who owes or is overdue. */
export async function runFineList(ctx: Ctx): Promise<Page<FineAccount>> {
  const page = await ctx.out.wait('Reading fines', listFines(ctx.api, { limit: 100 }));
  await ctx.out.emit(page, fineList);
  return page;
}

export async function runPayFine(ctx: Ctx, input: { username: string; amount: number }): Promise<Payment> {
  const payment = await ctx.out.wait('Recording the payment', payFine(ctx.api, input.username, input.amount));
  await ctx.out.emit(payment, paymentMade);
  return payment;
}

/**
 * A loan named by its id (ln-4), by the book (bk-1) of the caller's one active loan of it,
 * or (a desk's way) by the barcode of the copy in hand (BC000004).
 */
export async function resolveLoan(ctx: Ctx, ref: string): Promise<string> {
  if (/^ln-\d+$/i.test(ref)) return ref.toLowerCase();
  if (/^bk-\d+$/i.test(ref)) {
    const username = ctx.session.current()?.user.username;
    const page = await ctx.out.wait('Finding the loan', listLoans(ctx.api, { bookId: ref.toLowerCase(), status: 'active', username, limit: 2 }));
    // No such loan is the library's answer (exit 1, as for an unknown loan id), not bad usage.
    if (page.items.length === 0) throw new ApiProblem({ type: '/problems/not-found', title: 'Not found', status: 404, detail: `you have no active loan of ${ref}` });
    if (page.total > 1) throw new UsageError(`more than one active loan of ${ref}; give the loan id`);
    return page.items[0].id;
  }
  if (/^[A-Z0-9-]{3,64}$/i.test(ref)) {
    const page = await ctx.out.wait('Finding the loan', listLoans(ctx.api, { barcode: ref.toUpperCase(), status: 'active', limit: 1 }));
    if (page.items.length === 0) throw notOnLoan(ref.toUpperCase());
    return page.items[0].id;
  }
  throw new UsageError(`"${ref}" is not a loan id (ln-4), a book id (bk-1) or a barcode (BC000004)`);
}

function notOnLoan(barcode: string): ApiProblem {
  return new ApiProblem({ type: '/problems/not-found', title: 'Not on loan', status: 404, detail: `copy ${barcode} is not on loan (to you, for a member)` });
}
