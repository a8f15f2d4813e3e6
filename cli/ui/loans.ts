// How loans, holds and fines look: a line for what was done, tables for lists.
import type { FineAccount, Hold, Loan, Payment } from '../api/loans.js';
import type { Page } from '../api/types.js';
import { fields, money, pageFooter, when } from './format.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

const DAY_MS = 86_400_000;

/** "due 2026-12-01 14:05", or "overdue since …" in the warning colour. */
export function dueText(loan: Loan, style: Style): string {
  if (loan.status === 'returned') return `returned ${when(loan.returnedAt)}`;
  return loan.overdue ? style.warn(`overdue since ${when(loan.dueAt)}`) : `due ${when(loan.dueAt)}`;
}

/** ln-4: bk-1 (copy BC000001), due 2026-12-01 14:05 — one line, for choices. */
export function loanLine(loan: Loan, style: Style, title?: string): string {
  const what = title ? `${title} (${loan.bookId})` : loan.bookId;
  return `${loan.id}: ${what}, copy ${loan.barcode}, ${dueText(loan, style)}`;
}

export function loanMade(loan: Loan, style: Style): string {
  return [
    `${style.good('Borrowed')} ${style.bold(loan.id)}: ${loan.bookId}, copy ${loan.barcode}, for ${loan.username}.`,
    fields([['Due', when(loan.dueAt)], ['Renewals', String(loan.renewals)]], style),
  ].join('\n');
}

export function loanReturned(loan: Loan, style: Style): string {
  const fine = loan.fine && loan.fine > 0 ? ` ${style.warn(`Late: a fine of ${money(loan.fine)} was charged.`)}` : ' On time, no fine.';
  return `${style.good('Returned')} ${style.bold(loan.id)}: ${loan.bookId}, copy ${loan.barcode}.${fine}`;
}

export function loanRenewed(loan: Loan, style: Style): string {
  return `${style.good('Renewed')} ${style.bold(loan.id)}: ${loan.bookId} is now due ${when(loan.dueAt)} (renewal ${loan.renewals}).`;
}

export async function loanList(page: Page<Loan>, offset: number, style: Style): Promise<string> {
  if (page.items.length === 0) return page.total > 0 ? `No more loans (there are ${page.total}).` : 'No loans.';
  const table = await renderTable(
    [{ head: 'ID' }, { head: 'Book' }, { head: 'Copy' }, { head: 'Member' }, { head: 'Borrowed' }, { head: 'Status' }, { head: 'Fine', align: 'right' }],
    page.items.map((l) => [l.id, l.bookId, l.barcode, l.username, when(l.borrowedAt), dueText(l, style), l.fine === undefined ? '' : money(l.fine)]),
    style,
  );
  return [table, pageFooter(page.items.length, offset, page.total, style)].filter(Boolean).join('\n');
}

/** The librarian's report: every overdue loan, longest overdue first, with what it would cost now. */
export async function overdueReport(loans: Loan[], style: Style, now = Date.now()): Promise<string> {
  if (loans.length === 0) return style.good('No loans are overdue.');
  const rows = [...loans].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const table = await renderTable(
    [{ head: 'Loan' }, { head: 'Member' }, { head: 'Book' }, { head: 'Copy' }, { head: 'Due' }, { head: 'Days late', align: 'right' }],
    rows.map((l) => [l.id, l.username, l.bookId, l.barcode, when(l.dueAt), String(Math.ceil((now - Date.parse(l.dueAt)) / DAY_MS))]),
    style,
  );
  const members = new Set(loans.map((l) => l.username)).size;
  return `${style.bold(`${loans.length} overdue ${loans.length === 1 ? 'loan' : 'loans'}, ${members} ${members === 1 ? 'member' : 'members'}`)}\n${table}`;
}

export function holdLine(hold: Hold): string {
  const state =
    hold.status === 'waiting' ? `waiting, number ${hold.position} in line` : hold.status === 'ready' ? `ready: copy ${hold.barcode} until ${when(hold.pickupBy)}` : hold.status;
  return `${hold.id}: ${hold.bookId} (${state})`;
}

export function holdPlaced(hold: Hold, style: Style): string {
  return `${style.good('On hold')} ${style.bold(hold.id)}: ${hold.bookId} for ${hold.username}, number ${hold.position} in line.`;
}

export function holdCancelled(hold: Hold, style: Style): string {
  return `Cancelled ${style.bold(hold.id)}: ${hold.bookId}.`;
}

export async function holdList(page: Page<Hold>, offset: number, style: Style): Promise<string> {
  if (page.items.length === 0) return page.total > 0 ? `No more holds (there are ${page.total}).` : 'No holds.';
  const table = await renderTable(
    [{ head: 'ID' }, { head: 'Book' }, { head: 'Member' }, { head: 'Status' }, { head: 'Placed' }],
    page.items.map((h) => [h.id, h.bookId, h.username, holdState(h, style), when(h.createdAt)]),
    style,
  );
  return [table, pageFooter(page.items.length, offset, page.total, style)].filter(Boolean).join('\n');
}

function holdState(hold: Hold, style: Style): string {
  if (hold.status === 'waiting') return `waiting (#${hold.position})`;
  if (hold.status === 'ready') return style.good(`ready: ${hold.barcode} until ${when(hold.pickupBy)}`);
  return hold.status;
}

export function fineAccount(account: FineAccount, style: Style): string {
  const standing = account.blocked ? style.warn('blocked from borrowing') : style.good('may borrow');
  return [
    style.bold(`Fines of ${account.username}`),
    fields(
      [
        ['Owed', money(account.balance)],
        ['Charged', money(account.charged)],
        ['Paid', money(account.paid)],
        ['Accruing', account.overdueLoans > 0 ? `${money(account.accruing)} on ${account.overdueLoans} overdue loan(s)` : undefined],
        ['Standing', standing],
      ],
      style,
    ),
  ].join('\n');
}

export async function fineList(page: Page<FineAccount>, style: Style): Promise<string> {
  if (page.items.length === 0) return style.good('Nobody owes anything.');
  return renderTable(
    [{ head: 'Member' }, { head: 'Owed', align: 'right' }, { head: 'Accruing', align: 'right' }, { head: 'Overdue', align: 'right' }, { head: 'Blocked' }],
    page.items.map((a) => [a.username, money(a.balance), money(a.accruing), String(a.overdueLoans), a.blocked ? style.warn('yes') : 'no']),
    style,
  );
}

export function paymentMade(payment: Payment, style: Style): string {
  return `${style.good('Paid')} ${money(payment.amount)} for ${payment.username} (${payment.id}); ${money(payment.balance)} still owed.`;
}
