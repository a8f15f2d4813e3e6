// The loans a member has: borrow (borrow.ts), return (returns.ts), renew, and reading them.
import type { Principal } from '../shared/auth.js';
import type { Page } from '../shared/http/validate.js';
import { NotFound } from '../shared/problem.js';
import { canSee, listFilter } from './access.js';
import { BorrowService, type BorrowTarget, type LoanDeps } from './borrow.js';
import type { HistoryFilter, LoanHistory } from './history.js';
import { mergedPage } from './loan-pages.js';
import { BookOnHold, LoanOverdue, LoanReturned, RenewalLimit, ReturnInProgress } from './problems.js';
import { ReturnService } from './returns.js';
import type { ClosedLoan, LoansStore, OpenLoan } from './store.js';
import type { Loan, NextShelf, ReturnedLoan } from './types.js';
import { closedLoanView, idNumber, isOverdue, openLoanView } from './views.js';
import { loanCounters } from './metrics.js';

/** What borrowing needs, plus the history log. */
export interface LoanServiceDeps extends LoanDeps {
  history: LoanHistory;
}

export interface LoanQuery {
  username?: string;
  bookId?: string;
  barcode?: string;
  status?: 'active' | 'overdue' | 'returned';
}

export class LoanService {
  private readonly borrowing: BorrowService;
  private readonly returning: ReturnService;

  constructor(private readonly deps: LoanServiceDeps) {
    this.borrowing = new BorrowService(deps);
    this.returning = new ReturnService({ ...deps, visibleOpen: (caller, id) => this.visibleOpen(caller, id) });
  }

  /** Upkeep: gives back the take of a borrow that never recorded its loan. */
  undoBorrow(operationId: string): Promise<void> {
    return this.borrowing.undo(operationId);
  }

  /** Upkeep: confirms a recorded loan's take that is still unconfirmed. */
  confirmBorrow(loan: OpenLoan): Promise<void> {
    return this.borrowing.confirm(loan);
  }

  /** Upkeep: carries on a return left pending. */
  resumeReturn(loan: OpenLoan): Promise<void> {
    return this.returning.resume(loan);
  }

  borrow(caller: Principal, target: BorrowTarget, username?: string, requestId?: string): Promise<Loan> {
    return this.borrowing.borrow(caller, target, username, requestId);
  }

  /** The loan closed, and where its copy goes now: the hold shelf when a hold is ready with it. */
  async returnLoan(caller: Principal, id: string, requestId?: string): Promise<ReturnedLoan> {
    const closed = await this.returning.returnLoan(caller, id, requestId);
    const hold = this.deps.holds.readyWithCopy(closed.barcode);
    const next: NextShelf = hold ? { shelf: 'hold', holdId: hold.id, username: hold.username } : { shelf: 'open' };
    return { ...closedLoanView(closed), next };
  }

  /** A new due date one loan period after the current one, if the rules allow it. */
  async renew(caller: Principal, id: string): Promise<Loan> {
    const { store, policy, holds } = this.deps;
    const now = this.deps.clock();
    const renewed = await store.change((tx) => {
      const loan = this.visibleOpen(caller, id);
      if (loan.returning) throw new ReturnInProgress(id);
      if (isOverdue(loan, now)) throw new LoanOverdue(id, loan.dueAt);
      if (loan.renewals >= policy.renewals) throw new RenewalLimit(id, policy.renewals);
      if (holds.hasWaiting(loan.bookId)) throw new BookOnHold(loan.bookId);
      const dueAt = new Date(Date.parse(loan.dueAt) + policy.loanPeriodMs).toISOString();
      const next: OpenLoan = { ...loan, dueAt, renewals: loan.renewals + 1 };
      tx.put('loans', id, next);
      return next;
    });
    loanCounters.renewals.inc();
    return openLoanView(renewed, now);
  }

  get(caller: Principal, id: string): Loan {
    const { store } = this.deps;
    const open = store.get('loans', id);
    if (open && canSee(caller, open.username)) return openLoanView(open, this.deps.clock());
    const closed = this.closed(id);
    if (closed && canSee(caller, closed.username)) return closedLoanView(closed);
    throw new NotFound(`there is no loan ${id}`);
  }

  /**
   * Newest first. "active" includes overdue loans; "overdue" is only those. Open loans come
   * from the index, returned ones from the history's; a page reads only its own records.
   */
  list(caller: Principal, query: LoanQuery, page: { limit: number; offset: number }): Page<Loan> {
    const { store, history } = this.deps;
    const username = listFilter(caller, query.username, 'loans');
    const now = this.deps.clock();
    const filter = { username, bookId: query.bookId, barcode: query.barcode };
    const open = query.status === 'returned' ? [] : this.openNumbers(filter, query.status === 'overdue', now);
    const returned = query.status === undefined || query.status === 'returned' ? history.numbers(filter) : [];
    const items = mergedPage(open, returned, page.offset, page.limit).map(({ from, n }) =>
      from === 'open' ? openLoanView(store.get('loans', `ln-${n}`)!, now) : closedLoanView(this.closed(`ln-${n}`)!),
    );
    return { items, total: open.length + returned.length };
  }

  /** Id numbers of the open loans a list shows, ascending. */
  private openNumbers(filter: HistoryFilter, overdueOnly: boolean, now: number): readonly number[] {
    const { index } = this.deps;
    const { username, bookId, barcode } = filter;
    if (username === undefined && bookId === undefined && barcode === undefined) {
      if (!overdueOnly) return index.openNumbers();
      return index.overdueNumbers(now);
    }
    // A copy's loan, a member's loans (capped by the policy) or a book's (one per copy): a handful.
    let loans: OpenLoan[];
    if (barcode !== undefined) {
      const loan = index.loanOfBarcode(barcode);
      loans = loan ? [loan] : [];
    } else loans = username !== undefined ? index.loansOf(username) : index.loansOfBook(bookId!);
    return loans
      .filter(
        (l) =>
          (username === undefined || l.username === username) &&
          (bookId === undefined || l.bookId === bookId) &&
          (!overdueOnly || isOverdue(l, now)),
      )
      .map((l) => idNumber(l.id))
      .sort((a, b) => a - b);
  }

  /** A returned loan: still in the store while its history row is being appended, else from the history. */
  private closed(id: string): ClosedLoan | undefined {
    const pending = this.deps.store.get('returned', id);
    if (pending) return pending;
    const logged = this.deps.history.has(id) ? this.deps.history.read(idNumber(id)) : undefined;
    return logged?.id === id ? logged : undefined; // "ln-7" and "x-7" share a number, not a loan
  }

  /** The caller's open loan, or 404 (also for another member's), or loan-returned. */
  visibleOpen(caller: Principal, id: string): OpenLoan {
    const { store } = this.deps;
    const open = store.get('loans', id);
    if (open && canSee(caller, open.username)) return open;
    const closed = this.closed(id);
    if (closed && canSee(caller, closed.username)) throw new LoanReturned(id);
    throw new NotFound(`there is no loan ${id}`);
  }
}
