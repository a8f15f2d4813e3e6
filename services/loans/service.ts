// The loans a member has: borrow (borrow.ts), return (returns.ts), renew, and reading them.
import type { Principal } from '../shared/auth.js';
import { paginate, type Page } from '../shared/http/validate.js';
import { NotFound } from '../shared/problem.js';
import type { CsvLog } from '../shared/store/csv-log.js';
import { canSee, listFilter } from './access.js';
import { BorrowService, type BorrowTarget, type LoanDeps } from './borrow.js';
import { mergedPage } from './loan-pages.js';
import { BookOnHold, LoanOverdue, LoanReturned, RenewalLimit, ReturnInProgress } from './problems.js';
import { ReturnService } from './returns.js';
import type { ClosedLoan, LoansStore, OpenLoan } from './store.js';
import type { Loan, NextShelf, ReturnedLoan } from './types.js';
import { closedLoanView, idNumber, isOverdue, openLoanView } from './views.js';
import { loanCounters } from './metrics.js';

/** What borrowing needs, plus the history log. */
export interface LoanServiceDeps extends LoanDeps {
  history: CsvLog;
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
    const closed = store.get('returned', id);
    if (closed && canSee(caller, closed.username)) return closedLoanView(closed);
    throw new NotFound(`there is no loan ${id}`);
  }

  /** Newest first. "active" includes overdue loans; "overdue" is only those. */
  list(caller: Principal, query: LoanQuery, page: { limit: number; offset: number }): Page<Loan> {
    const { store } = this.deps;
    const username = listFilter(caller, query.username, 'loans');
    const now = this.deps.clock();
    if (query.barcode !== undefined) return this.listByBarcode(username, query, page, now);
    const open = query.status === 'returned' ? [] : this.openNumbers(username, query.bookId, query.status === 'overdue', now);
    const returned = query.status === undefined || query.status === 'returned' ? this.returnedNumbers(username, query.bookId) : [];
    const items = mergedPage(open, returned, page.offset, page.limit).map(({ from, n }) =>
      from === 'open' ? openLoanView(store.get('loans', `ln-${n}`)!, now) : closedLoanView(store.get('returned', `ln-${n}`)!),
    );
    return { items, total: open.length + returned.length };
  }

  /** The loans of one copy: its open loan (one at most), and its returned ones when asked. */
  private listByBarcode(username: string | undefined, query: LoanQuery, page: { limit: number; offset: number }, now: number): Page<Loan> {
    const { index, store } = this.deps;
    const wanted = (loan: { username: string; bookId: string; barcode: string }) =>
      (username === undefined || loan.username === username) && (query.bookId === undefined || loan.bookId === query.bookId) && loan.barcode === query.barcode;
    const loans: Loan[] = [];
    const open = index.loanOfBarcode(query.barcode!);
    if (query.status !== 'returned' && open && wanted(open) && (query.status !== 'overdue' || isOverdue(open, now))) loans.push(openLoanView(open, now));
    if (query.status === undefined || query.status === 'returned') {
      for (const loan of store.values('returned')) if (wanted(loan)) loans.push(closedLoanView(loan));
    }
    loans.sort((a, b) => idNumber(b.id) - idNumber(a.id));
    return paginate(loans, page);
  }

  /** Id numbers of the open loans a list shows, ascending. */
  private openNumbers(username: string | undefined, bookId: string | undefined, overdueOnly: boolean, now: number): readonly number[] {
    const { index } = this.deps;
    if (username === undefined && bookId === undefined) {
      if (!overdueOnly) return index.openNumbers();
      return index.overdueNumbers(now);
    }
    // A member's loans (capped by the policy) or a book's (one per copy): a handful.
    const loans = username !== undefined ? index.loansOf(username) : index.loansOfBook(bookId!);
    return loans
      .filter((l) => (bookId === undefined || l.bookId === bookId) && (!overdueOnly || isOverdue(l, now)))
      .map((l) => idNumber(l.id))
      .sort((a, b) => a - b);
  }

  private returnedNumbers(username: string | undefined, bookId: string | undefined): readonly number[] {
    const numbers: number[] = [];
    for (const loan of this.deps.store.values('returned') as IterableIterator<ClosedLoan>) {
      if ((username === undefined || loan.username === username) && (bookId === undefined || loan.bookId === bookId)) numbers.push(idNumber(loan.id));
    }
    return numbers.sort((a, b) => a - b);
  }

  /** The caller's open loan, or 404 (also for another member's), or loan-returned. */
  visibleOpen(caller: Principal, id: string): OpenLoan {
    const { store } = this.deps;
    const open = store.get('loans', id);
    if (open && canSee(caller, open.username)) return open;
    const closed = store.get('returned', id);
    if (closed && canSee(caller, closed.username)) throw new LoanReturned(id);
    throw new NotFound(`there is no loan ${id}`);
  }
}
