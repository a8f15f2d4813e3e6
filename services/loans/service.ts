// The loans a member has: borrow (borrow.ts), return (returns.ts), renew, and reading them.
import type { Principal } from '../shared/auth.js';
import { paginate, type Page } from '../shared/http/validate.js';
import { NotFound } from '../shared/problem.js';
import type { CsvLog } from '../shared/store/csv-log.js';
import { canSee, listFilter } from './access.js';
import { BorrowService, type BorrowTarget, type LoanDeps } from './borrow.js';
import { BookOnHold, LoanOverdue, LoanReturned, RenewalLimit, ReturnInProgress } from './problems.js';
import { ReturnService } from './returns.js';
import type { LoansStore, OpenLoan } from './store.js';
import type { Loan, NextShelf, ReturnedLoan } from './types.js';
import { closedLoanView, idNumber, isOverdue, openLoanView } from './views.js';

/** What borrowing needs, less the in-flight set it keeps itself, plus the history log. */
export interface LoanServiceDeps extends Omit<LoanDeps, 'running'> {
  history: CsvLog;
}

export interface LoanQuery {
  username?: string;
  bookId?: string;
  barcode?: string;
  status?: 'active' | 'overdue' | 'returned';
}

export class LoanService {
  /** Operation ids this process is working on now; upkeep leaves them alone. */
  readonly running = new Set<string>();
  readonly borrowing: BorrowService;
  readonly returning: ReturnService;

  constructor(private readonly deps: LoanServiceDeps) {
    const running = this.running;
    this.borrowing = new BorrowService({ ...deps, running });
    this.returning = new ReturnService({
      ...deps,
      running,
      visibleOpen: (caller, id) => this.visibleOpen(caller, id),
      confirmationOf: (loanId) => this.borrowing.confirmationOf(loanId),
    });
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
    const now = Date.now();
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
    return openLoanView(renewed, now);
  }

  get(caller: Principal, id: string): Loan {
    const { store } = this.deps;
    const open = store.get('loans', id);
    if (open && canSee(caller, open.username)) return openLoanView(open, Date.now());
    const closed = store.get('returned', id);
    if (closed && canSee(caller, closed.username)) return closedLoanView(closed);
    throw new NotFound(`there is no loan ${id}`);
  }

  /** Newest first. "active" includes overdue loans; "overdue" is only those. */
  list(caller: Principal, query: LoanQuery, page: { limit: number; offset: number }): Page<Loan> {
    const { store } = this.deps;
    const username = listFilter(caller, query.username, 'loans');
    const now = Date.now();
    const wanted = (loan: { username: string; bookId: string; barcode: string }) =>
      (username === undefined || loan.username === username) &&
      (query.bookId === undefined || loan.bookId === query.bookId) &&
      (query.barcode === undefined || loan.barcode === query.barcode);
    const loans: Loan[] = [];
    if (query.status !== 'returned') {
      for (const loan of store.values('loans')) {
        if (wanted(loan) && (query.status !== 'overdue' || isOverdue(loan, now))) loans.push(openLoanView(loan, now));
      }
    }
    if (query.status === undefined || query.status === 'returned') {
      for (const loan of store.values('returned')) if (wanted(loan)) loans.push(closedLoanView(loan));
    }
    loans.sort((a, b) => idNumber(b.id) - idNumber(a.id));
    return paginate(loans, page);
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
