// Fines: charged when a late loan is returned, paid at the desk. A member owing more
// than the policy's limit, or with a loan overdue, may not borrow.
import type { Principal } from '../shared/auth.js';
import { isStaff } from '../shared/auth.js';
import { paginate, roundMoney, type Page } from '../shared/http/validate.js';
import type { Policy } from './policy.js';
import { OthersOnlyForStaff, PaymentExceedsBalance } from './problems.js';
import type { Tx } from '../shared/store/json-store.js';
import type { LoanIndex } from './loan-index.js';
import type { Account, LoansSchema, LoansStore, OpenLoan } from './store.js';
import type { FineAccount, Payment } from './types.js';
import { isOverdue } from './views.js';
import { FineReport } from './fine-report.js';
import { fineFor } from './fine-rules.js';
import type { Clock } from '../shared/clock.js';

export class FineService {
  private readonly report: FineReport;

  /** The librarians' report is worked out once, as loans starts, and kept by `clock`'s time (fine-report.ts). */
  constructor(
    private readonly store: LoansStore,
    private readonly policy: Policy,
    private readonly index: LoanIndex,
    clock: Clock,
    sliceMs?: number,
  ) {
    this.report = new FineReport(store, policy, index, (username, at) => this.describe(username, at), clock, sliceMs);
  }

  /** Members whose line in the librarians' report waits to be redone (drained in the background). */
  get reportPending(): number {
    return this.report.pending;
  }

  /** Why `username` may not borrow now, or null. Synchronous: used inside store changes. */
  blockReason(username: string, now: number): string | null {
    const balance = this.balance(username);
    if (balance > this.policy.blockFineAbove) {
      return `unpaid fines of ${balance.toFixed(2)} exceed the limit of ${this.policy.blockFineAbove.toFixed(2)}`;
    }
    if (this.policy.blockWhenOverdue) {
      const overdue = this.openLoansOf(username).filter((loan) => isOverdue(loan, now)).length;
      if (overdue > 0) return `${overdue === 1 ? 'a loan is' : `${overdue} loans are`} overdue; return ${overdue === 1 ? 'it' : 'them'} first`;
    }
    return null;
  }

  /** Inside a change that closes a late loan. */
  charge(tx: Tx<LoansSchema>, username: string, fine: number, at: string): void {
    if (fine <= 0) return;
    const account: Account = tx.get('accounts', username) ?? { username, charged: 0, paid: 0, updatedAt: at };
    tx.put('accounts', username, { ...account, charged: roundMoney(account.charged + fine), updatedAt: at });
  }

  balance(username: string): number {
    const account = this.store.get('accounts', username);
    return account ? roundMoney(account.charged - account.paid) : 0;
  }

  account(caller: Principal, username: string | undefined, now: number): FineAccount {
    const who = username ?? caller.username;
    if (!isStaff(caller) && who !== caller.username) throw new OthersOnlyForStaff('fines');
    return this.describe(who, now);
  }

  /**
   * Librarians' list: everyone who owes something or has a loan overdue, most owed first,
   * from the report kept member by member (fine-report.ts): a page costs a page.
   */
  list(page: { limit: number; offset: number }, now: number): Page<FineAccount> {
    return paginate(this.report.at(now), page);
  }

  async pay(caller: Principal, username: string, amount: number, now: number): Promise<Payment> {
    return this.store.change((tx) => {
      const account: Account = tx.get('accounts', username) ?? { username, charged: 0, paid: 0, updatedAt: '' };
      const balance = roundMoney(account.charged - account.paid);
      if (amount > balance) throw new PaymentExceedsBalance(username, balance);
      const paidAt = new Date(now).toISOString();
      tx.put('accounts', username, { ...account, paid: roundMoney(account.paid + amount), updatedAt: paidAt });
      const id = `pay-${tx.nextSeq('payment')}`;
      const payment: Payment = { id, username, amount, paidAt, receivedBy: caller.username, balance: roundMoney(balance - amount) };
      tx.put('payments', id, payment);
      return payment;
    });
  }

  private describe(username: string, now: number): FineAccount {
    const account = this.store.get('accounts', username);
    const charged = account?.charged ?? 0;
    const paid = account?.paid ?? 0;
    const overdue = this.openLoansOf(username).filter((loan) => isOverdue(loan, now));
    const accruing = roundMoney(overdue.reduce((sum, loan) => sum + fineFor(this.policy, loan.dueAt, new Date(now).toISOString()), 0));
    return {
      username,
      charged,
      paid,
      balance: roundMoney(charged - paid),
      accruing,
      overdueLoans: overdue.length,
      blocked: this.blockReason(username, now) !== null,
    };
  }

  private openLoansOf(username: string): OpenLoan[] {
    return this.index.loansOf(username);
  }
}
