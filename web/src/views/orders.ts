// My orders, newest first.
import { api, type Page } from '../api.js';
import { clear, h, money, when } from '../dom.js';
import { load } from '../outcome.js';
import type { Order } from '../types.js';
import type { View } from './view.js';

export const ordersView: View = (main) => {
  document.title = 'My orders — Library';
  const list = h('div');
  clear(main, h('h1', { tabindex: '-1' }, 'My orders'), list);
  void load(list, async () => {
    const page = await api<Page<Order>>('/orders?limit=100');
    if (!page.items.length) return h('p', { class: 'note' }, 'No orders yet. Buy from a book’s page.');
    return h(
      'ul',
      { class: 'cards', 'aria-label': 'Orders' },
      page.items.map((order) =>
        h(
          'li',
          { class: 'card' },
          h('p', { class: 'title' }, h('a', { href: `#/book/${encodeURIComponent(order.bookId)}` }, order.title)),
          h('p', { class: 'meta' }, `${order.quantity} × ${money(order.unitPrice)} = ${money(order.total)} · ${when(order.createdAt)} · ${order.id}`),
        ),
      ),
    );
  });
};
