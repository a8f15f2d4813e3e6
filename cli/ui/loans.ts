// How loans, holds and fines look: a line for what was done, tables for lists.
import type { FineAccount, Hold, Loan, NextShelf, Payment } from '../api/loans.js';
import type { Page } from '../api/types.js';
import { fields, money, pageFooter, when } from './format.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

const DAY_MS = 86_400_000;

/** Book id → title, looked up for circulation output (api/books.ts titlesOf). */
export type Titles = ReadonlyMap<string, string>;

/** "Clean Code (bk-2)", or the id alone when the catalog did not give a title. */
export function bookName(bookId: string, titles?: Titles): string {
  const title = titles?.get(bookId);
  return title ? `${title} (${bookId})` : bookId;
}

/** "due 2026-12-01 14:05", or "overdue since …" in the warning colour. */
export function dueText(loan: Loan, style: Style): string {
  if (loan.status === 'returned') return `returned ${when(loan.returnedAt)}`;
  return loan.overdue ? style.warn(`overdue since ${when(loan.dueAt)}`) : `due ${when(loan.dueAt)}`;
}

/** ln-4: Clean Code (bk-1), copy BC000001, due 2026-12-01 14:05 — one line, for choices. */
export function loanLine(loan: Loan, style: Style, titles?: Titles): string {
  return `${loan.id}: ${bookName(loan.bookId, titles)}, copy ${loan.barcode}, ${dueText(loan, style)}`;
}

export function loanMade(loan: Loan, style: Style, titles?: Titles): string {
  return [
    `${style.good('Borrowed')} ${style.bold(loan.id)}: ${bookName(loan.bookId, titles)}, copy ${loan.barcode}, for ${loan.username}.`,
    fields([['Due', when(loan.dueAt)], ['Renewals', String(loan.renewals)]], style),
  ].join('\n');
}

export function loanReturned(loan: Loan & { next?: NextShelf }, style: Style, titles?: Titles): string {
  const fine = loan.fine && loan.fine > 0 ? ` ${style.warn(`Late: a fine of ${money(loan.fine)} was charged.`)}` : ' On time, no fine.';
  const lines = [`${style.good('Returned')} ${style.bold(loan.id)}: ${bookName(loan.bookId, titles)}, copy ${loan.barcode}.${fine}`];
  if (loan.next?.shelf === 'hold') lines.push(style.accent(`Put copy ${loan.barcode} on the hold shelf for ${loan.next.username} (hold ${loan.next.holdId}).`));
  else if (loan.next) lines.push(`Put copy ${loan.barcode} back on the open shelf.`);
  return lines.join('\n');
}

export function loanRenewed(loan: Loan, style: Style, titles?: Titles): string {
  return `${style.good('Renewed')} ${style.bold(loan.id)}: ${bookName(loan.bookId, titles)} is now due ${when(loan.dueAt)} (renewal ${loan.renewals}).`;
}

function loanState(loan: Loan, style: Style): string {
  if (loan.status === 'returned') return 'returned';
  return loan.overdue ? style.warn('overdue') : 'active';
}

export async function loanList(page: Page<Loan>, offset: number, style: Style, titles?: Titles): Promise<string> {
  if (page.items.length === 0) return page.total > 0 ? `No more loans (there are ${page.total}).` : 'No loans.';
  const table = await renderTable(
    [{ head: 'ID', keep: true }, { head: 'Book', keep: true }, { head: 'Title' }, { head: 'Copy', keep: true }, { head: 'Member' }, { head: 'Due' }, { head: 'Status' }, { head: 'Fine', align: 'right' }],
    page.items.map((l) => [l.id, l.bookId, titles?.get(l.bookId) ?? '', l.barcode, l.username, when(l.dueAt), loanState(l, style), l.fine === undefined ? '' : money(l.fine)]),
    style,
  );
  return [table, pageFooter(page.items.length, offset, page.total, style)].filter(Boolean).join('\n');
}

/** The librarian's report: every overdue loan, longest overdue first, with what it would cost now. */
export async function overdueReport(loans: Loan[], style: Style, titles?: Titles, now = Date.now()): Promise<string> {
  if (loans.length === 0) return style.good('No loans are overdue.');
  const rows = [...loans].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const table = await renderTable(
    [{ head: 'Loan', keep: true }, { head: 'Member' }, { head: 'Book', keep: true }, { head: 'Title' }, { head: 'Copy', keep: true }, { head: 'Due' }, { head: 'Days late', align: 'right' }],
    rows.map((l) => [l.id, l.username, l.bookId, titles?.get(l.bookId) ?? '', l.barcode, when(l.dueAt), String(Math.ceil((now - Date.parse(l.dueAt)) / DAY_MS))]),
    style,
  );
  const members = new Set(loans.map((l) => l.username)).size;
  return `${style.bold(`${loans.length} overdue ${loans.length === 1 ? 'loan' : 'loans'}, ${members} ${members === 1 ? 'member' : 'members'}`)}\n${table}`;
}

export function holdLine(hold: Hold, titles?: Titles): string {
  const state =
    hold.status === 'waiting' ? `waiting, number ${hold.position} in line` : hold.status === 'ready' ? `ready: copy ${hold.barcode} until ${when(hold.pickupBy)}` : hold.status;
  return `${hold.id}: ${bookName(hold.bookId, titles)} (${state})`;
}

export function holdPlaced(hold: Hold, style: Style, titles?: Titles): string {
  return `${style.good('On hold')} ${style.bold(hold.id)}: ${bookName(hold.bookId, titles)} for ${hold.username}, number ${hold.position} in line.`;
}

export function holdCancelled(hold: Hold, style: Style, titles?: Titles): string {
  return `Cancelled ${style.bold(hold.id)}: ${bookName(hold.bookId, titles)}.`;
}

export async function holdList(page: Page<Hold>, offset: number, style: Style, titles?: Titles): Promise<string> {
  if (page.items.length === 0) return page.total > 0 ? `No more holds (there are ${page.total}).` : 'No holds.';
  const table = await renderTable(
    [{ head: 'ID', keep: true }, { head: 'Book', keep: true }, { head: 'Title' }, { head: 'Member' }, { head: 'Status' }, { head: 'Placed' }],
    page.items.map((h) => [h.id, h.bookId, titles?.get(h.bookId) ?? '', h.username, holdState(h, style), when(h.createdAt)]),
    style,
  );
  return [table, pageFooter(page.items.length, offset, page.total, style)].filter(Boolean).join('\n');
}

/** The hold shelf: copies to pull and set aside, with whom each is for and until when. */
export async function holdShelf(holds: Hold[], style: Style, titles?: Titles): Promise<string> {
  if (holds.length === 0) return 'The hold shelf is empty.';
  return renderTable(
    [{ head: 'Copy', keep: true }, { head: 'Book', keep: true }, { head: 'Title' }, { head: 'For' }, { head: 'Hold', keep: true }, { head: 'Until' }],
    holds.map((h) => [h.barcode ?? '', h.bookId, titles?.get(h.bookId) ?? '', h.username, h.id, when(h.pickupBy)]),
    style,
  );
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
        ['Accruing', account.overdueLoans > 0 ? `${money(account.accruing)} on ${account.overdueLoans} overdue ${account.overdueLoans === 1 ? 'loan' : 'loans'}` : undefined],
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
