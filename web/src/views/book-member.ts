// A member's actions on a book page: borrow a copy (or join the queue when none is free)
// and buy. A purchase keeps its Idempotency-Key until it has an answer, so trying again
// after a lost answer or an outage buys once; a changed quantity is another purchase.
import { api } from '../api.js';
import { field, h, money, outlet, when } from '../dom.js';
import { attempt } from '../outcome.js';
import type { Book, BookInventoryDetail, Hold, Loan, Order } from '../types.js';

export function borrowSection(book: Book, inventory: BookInventoryDetail, refresh: () => Promise<BookInventoryDetail>): HTMLElement {
  const out = outlet();
  const borrow = h('button', { type: 'button' }, 'Borrow a copy');
  const hold = h('button', { type: 'button' }, 'Place a hold');
  const offer = (available: number) => {
    borrow.hidden = available === 0;
    hold.hidden = available > 0;
  };
  offer(inventory.copies.available);
  borrow.addEventListener('click', () =>
    attempt(borrow, out, async () => {
      const loan = await api<Loan>('/loans', { method: 'POST', body: { bookId: book.id } });
      offer((await refresh()).copies.available);
      return [`Borrowed copy ${loan.barcode}; due back ${when(loan.dueAt)}. `, h('a', { href: '#/loans' }, 'My loans')];
    }),
  );
  hold.addEventListener('click', () =>
    attempt(hold, out, async () => {
      const placed = await api<Hold>('/holds', { method: 'POST', body: { bookId: book.id } });
      return [`Hold placed: you are number ${placed.position ?? 1} in line. `, h('a', { href: '#/holds' }, 'My holds')];
    }),
  );
  return h('section', { 'aria-labelledby': 'borrow-title' }, h('h2', { id: 'borrow-title' }, 'Borrow'), h('div', { class: 'actions' }, borrow, hold), out);
}

export function buySection(book: Book, inventory: BookInventoryDetail, refresh: () => Promise<BookInventoryDetail>): HTMLElement {
  const quantity = field('Quantity', { name: 'quantity', type: 'number', inputmode: 'numeric', min: 1, max: 100, step: 1, value: 1, required: true });
  const out = outlet();
  let pending: { key: string; quantity: number } | null = null;
  const form = h('form', { class: 'inline' }, quantity.row, h('button', { type: 'submit' }, 'Buy'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const count = Number(quantity.input.value);
    if (!pending || pending.quantity !== count) pending = { key: idempotencyKey(), quantity: count };
    const { key } = pending;
    void attempt(form, out, async () => {
      try {
        const order = await api<Order>('/orders', { method: 'POST', body: { bookId: book.id, quantity: count }, headers: { 'Idempotency-Key': key } });
        pending = null;
        void refresh().catch(() => {});
        return [`Bought ${order.quantity} × ${order.title} for ${money(order.total)} (order ${order.id}). `, h('a', { href: '#/orders' }, 'My orders')];
      } catch (error) {
        // A refusal is final: the next try is a new purchase. No answer, or an outage,
        // leaves the outcome unknown: the next try must carry the same key.
        const status = (error as { status?: number }).status;
        if (status !== undefined && status < 500 && status !== 401) pending = null;
        throw error;
      }
    });
  });
  return h(
    'section',
    { 'aria-labelledby': 'buy-title' },
    h('h2', { id: 'buy-title' }, 'Buy'),
    h('p', { class: 'note' }, inventory.stock > 0 ? `${money(book.price)} each.` : 'None for sale now.'),
    inventory.stock > 0 ? [form, out] : null,
  );
}

/** 128 random bits as hex: crypto.randomUUID() needs a secure context, this does not. */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
