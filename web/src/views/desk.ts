// The librarian's desk. Check-out and check-in are barcode forms a scanner can drive: it
// types the barcode and presses Enter, the form sends it, clears the field and keeps the
// focus there for the next one. What a check-in does next (back to the open shelf, or
// onto the hold shelf for a named member) is said right under the field.
import { api, ApiProblem, qs, seg, type Page } from '../api.js';
import { bookLink, titleOf } from '../books.js';
import { clear, field, h, outlet, when } from '../dom.js';
import { attempt, load } from '../outcome.js';
import type { Hold, Loan, Next } from '../types.js';
import type { View } from './view.js';

export const deskView: View = (main) => {
  document.title = 'Front desk — Library';
  const shelf = h('section', { 'aria-labelledby': 'shelf-title' });
  const overdue = h('section', { 'aria-labelledby': 'overdue-title' });
  const lists = () => Promise.all([holdShelf(shelf), overdueList(overdue)]);
  const checkin = checkInForm(lists);
  clear(main, h('h1', { tabindex: '-1' }, 'Front desk'), checkin.section, checkOutForm(lists), shelf, overdue, findBook());
  void lists();
  checkin.focus();
};

function scannerForm(label: string, submit: string, run: (barcode: string) => Promise<Node[]>, extra: HTMLElement[] = []) {
  const barcode = field(label, { name: 'barcode', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true });
  const out = outlet();
  const form = h('form', { class: 'stack' }, ...extra, barcode.row, h('button', { type: 'submit' }, submit), out);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = barcode.input.value.trim();
    if (!code) return barcode.input.focus();
    void attempt(form, out, () => run(code)).then((ok) => {
      if (ok) barcode.input.value = '';
      else barcode.input.select();
      barcode.input.focus();
    });
  });
  return { form, focus: () => barcode.input.focus() };
}

function checkInForm(after: () => Promise<unknown>) {
  const scanner = scannerForm('Barcode to check in', 'Check in', async (barcode) => {
    const found = await api<Page<Loan>>(`/loans${qs({ barcode, status: 'active' })}`);
    const loan = found.items[0];
    if (!loan) throw new ApiProblem({ type: '/problems/not-on-loan', title: 'Not on loan', status: 404, detail: `no active loan has copy ${barcode}` });
    const closed = await api<Loan & { next?: Next }>(`/loans/${seg(loan.id)}/return`, { method: 'POST' });
    void after();
    const title = await titleOf(closed.bookId);
    return [
      h('span', {}, `Checked in ${title} (${closed.barcode}) from ${closed.username}${closed.fine ? `; fine ${closed.fine.toFixed(2)}` : ''}. `),
      h('strong', { class: closed.next?.shelf === 'hold' ? 'next hold' : 'next' }, nextStep(closed.next)),
    ];
  });
  return { section: h('section', { 'aria-labelledby': 'checkin-title' }, h('h2', { id: 'checkin-title' }, 'Check in'), scanner.form), focus: scanner.focus };
}

function nextStep(next: Next | undefined): string {
  if (next?.shelf === 'hold') return `Next: put it on the hold shelf for ${next.username} (hold ${next.holdId}).`;
  if (next?.shelf === 'open') return 'Next: back to the open shelf.';
  return 'Next: see the hold shelf below.';
}

function checkOutForm(after: () => Promise<unknown>): HTMLElement {
  const member = field('Member (username)', { name: 'username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true });
  const scanner = scannerForm('Barcode to check out', 'Check out', async (barcode) => {
    const loan = await api<Loan>('/loans', { method: 'POST', body: { barcode, username: member.input.value.trim() } });
    void after();
    return [h('span', {}, `Lent ${await titleOf(loan.bookId)} (${loan.barcode}) to ${loan.username}; due back ${when(loan.dueAt)}.`)];
  }, [member.row]);
  return h('section', { 'aria-labelledby': 'checkout-title' }, h('h2', { id: 'checkout-title' }, 'Check out'), scanner.form);
}

function holdShelf(into: HTMLElement): Promise<void> {
  return load(into, async () => {
    const page = await api<Page<Hold>>('/holds?status=ready&limit=100');
    const rows = await Promise.all(
      page.items.map(async (hold) => h('li', { class: 'card' }, h('p', { class: 'title' }, await bookLink(hold.bookId)), h('p', { class: 'meta' }, `Copy ${hold.barcode} for ${hold.username} · pick up by ${when(hold.pickupBy!)}`))),
    );
    return [h('h2', { id: 'shelf-title' }, `Hold shelf (${page.total})`), rows.length ? h('ul', { class: 'cards' }, rows) : h('p', { class: 'note' }, 'Nothing waiting on the hold shelf.')];
  });
}

function overdueList(into: HTMLElement): Promise<void> {
  return load(into, async () => {
    const page = await api<Page<Loan>>('/loans?status=overdue&limit=100');
    const rows = await Promise.all(
      page.items.map(async (loan) => h('li', { class: 'card overdue' }, h('p', { class: 'title' }, await bookLink(loan.bookId)), h('p', { class: 'meta' }, `Copy ${loan.barcode} · ${loan.username} · was due ${when(loan.dueAt)}`))),
    );
    return [h('h2', { id: 'overdue-title' }, `Overdue (${page.total})`), rows.length ? h('ul', { class: 'cards' }, rows) : h('p', { class: 'note' }, 'Nothing is overdue.')];
  });
}

function findBook(): HTMLElement {
  const id = field('Book id', { name: 'book', autocomplete: 'off', placeholder: 'bk-1', required: true });
  const form = h('form', { class: 'inline' }, id.row, h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/book/${encodeURIComponent(id.input.value.trim())}`;
  });
  return h(
    'section',
    { 'aria-labelledby': 'copies-find' },
    h('h2', { id: 'copies-find' }, 'Copies and stock'),
    h('p', { class: 'note' }, 'A book’s page lists its copies (mark one missing or withdrawn), adds copies and sets the stock for sale. ', h('a', { href: '#/' }, 'Search for it'), ' or open it by id.'),
    form,
  );
}
