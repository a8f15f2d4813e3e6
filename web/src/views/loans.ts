// My loans: what I have out and when it is due (renew, return), what I owe, and what I
// returned lately with the fine each cost.
import { api, seg, type Page } from '../api.js';
import { bookLink } from '../books.js';
import { clear, h, money, outlet, when } from '../dom.js';
import { attempt, load } from '../outcome.js';
import type { FineAccount, Loan } from '../types.js';
import type { View } from './view.js';

export const loansView: View = (main) => {
  document.title = 'My loans — Library';
  const fines = h('section', { 'aria-labelledby': 'fines-title' });
  const active = h('section', { 'aria-labelledby': 'active-title' });
  const returned = h('section', { 'aria-labelledby': 'returned-title' });
  clear(main, h('h1', { tabindex: '-1' }, 'My loans'), fines, active, returned);
  const refresh = () => Promise.all([showFines(fines), showActive(active, refresh), showReturned(returned)]);
  void refresh();
};

function showFines(into: HTMLElement): Promise<void> {
  return load(into, async () => {
    const account = await api<FineAccount>('/fines');
    return [
      h('h2', { id: 'fines-title' }, 'Fines'),
      h(
        'ul',
        { class: 'facts' },
        h('li', {}, 'You owe ', h('strong', {}, money(account.balance))),
        account.accruing > 0 ? h('li', {}, `${money(account.accruing)} more if your ${account.overdueLoans} overdue loan${account.overdueLoans === 1 ? '' : 's'} came back now`) : null,
        account.blocked ? h('li', { class: 'warning' }, 'Borrowing is blocked until overdue books are back and fines are paid at the desk.') : null,
      ),
    ];
  });
}

function showActive(into: HTMLElement, refresh: () => Promise<unknown>): Promise<void> {
  return load(into, async () => {
    const page = await api<Page<Loan>>('/loans?status=active&limit=100');
    const rows = await Promise.all(page.items.map((loan) => loanRow(loan, refresh)));
    return [h('h2', { id: 'active-title' }, `On loan (${page.total})`), rows.length ? h('ul', { class: 'cards' }, rows) : h('p', { class: 'note' }, 'Nothing on loan.')];
  });
}

async function loanRow(loan: Loan, refresh: () => Promise<unknown>): Promise<HTMLElement> {
  const due = h('span', {}, when(loan.dueAt));
  const renewals = h('span', {}, String(loan.renewals));
  const out = outlet();
  const title = await bookLink(loan.bookId);
  const renew = h('button', { type: 'button', 'aria-label': `Renew ${title.textContent}` }, 'Renew');
  const giveBack = h('button', { type: 'button', class: 'secondary', 'aria-label': `Return ${title.textContent}` }, 'Return');
  renew.addEventListener('click', () =>
    attempt(renew, out, async () => {
      const renewed = await api<Loan>(`/loans/${seg(loan.id)}/renew`, { method: 'POST' });
      due.textContent = when(renewed.dueAt);
      renewals.textContent = String(renewed.renewals);
      return `Renewed: due back ${when(renewed.dueAt)}.`;
    }),
  );
  giveBack.addEventListener('click', () =>
    attempt(giveBack, out, async () => {
      const closed = await api<Loan>(`/loans/${seg(loan.id)}/return`, { method: 'POST' });
      void refresh();
      return `Returned${closed.fine ? `; fine ${money(closed.fine)}` : ''}.`;
    }),
  );
  return h(
    'li',
    { class: loan.overdue ? 'card overdue' : 'card' },
    h('p', { class: 'title' }, title),
    h('p', { class: 'meta' }, `Copy ${loan.barcode} · due `, due, loan.overdue ? h('strong', { class: 'warning' }, ' · overdue') : null, ' · renewed ', renewals, '×'),
    h('div', { class: 'actions' }, renew, giveBack),
    out,
  );
}

function showReturned(into: HTMLElement): Promise<void> {
  return load(into, async () => {
    const page = await api<Page<Loan>>('/loans?status=returned&limit=20');
    const rows = await Promise.all(
      page.items.map(async (loan) =>
        h('li', { class: 'card' }, h('p', { class: 'title' }, await bookLink(loan.bookId)), h('p', { class: 'meta' }, `Returned ${when(loan.returnedAt ?? loan.dueAt)} · fine ${money(loan.fine ?? 0)}`)),
      ),
    );
    return [h('h2', { id: 'returned-title' }, 'Returned lately'), rows.length ? h('ul', { class: 'cards' }, rows) : h('p', { class: 'note' }, 'Nothing returned yet.')];
  });
}
