// How the shop looks: what a purchase will cost, the order made, lists of orders.
import type { BookInfo } from '../api/books.js';
import type { Order } from '../api/orders.js';
import type { Page } from '../api/types.js';
import { fields, money, pageFooter, when } from './format.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

/** `2 × Title (bk-1) at 12.50 = 25.00`: what the buyer is asked to confirm. */
export function purchaseLine(info: BookInfo, quantity: number): string {
  return `${quantity} × ${info.title} (${info.id}) at ${money(info.price)} = ${money(Math.round(info.price * quantity * 100) / 100)}`;
}

export function orderPlaced(order: Order, style: Style): string {
  return [
    `${style.good('Bought')} ${style.bold(order.id)}: ${order.quantity} × ${order.title} (${order.bookId}) for ${order.username}.`,
    fields([['Unit price', money(order.unitPrice)], ['Total', style.bold(money(order.total))], ['Ordered', when(order.createdAt)]], style),
  ].join('\n');
}

export function orderCard(order: Order, style: Style): string {
  return [
    `${style.bold(order.id)}: ${order.title} (${order.bookId})`,
    fields(
      [
        ['Quantity', String(order.quantity)],
        ['Unit price', money(order.unitPrice)],
        ['Total', money(order.total)],
        ['Member', order.username],
        ['Ordered', when(order.createdAt)],
      ],
      style,
    ),
  ].join('\n');
}

export async function orderList(page: Page<Order>, offset: number, style: Style): Promise<string> {
  if (page.items.length === 0) return page.total > 0 ? `No more orders (there are ${page.total}).` : 'No orders.';
  const table = await renderTable(
    [
      { head: 'ID', keep: true },
      { head: 'Ordered' },
      { head: 'Book', keep: true },
      { head: 'Title' },
      { head: 'Qty', align: 'right' },
      { head: 'Unit', align: 'right' },
      { head: 'Total', align: 'right' },
      { head: 'Member' },
    ],
    page.items.map((o) => [o.id, when(o.createdAt), o.bookId, o.title, String(o.quantity), money(o.unitPrice), money(o.total), o.username]),
    style,
  );
  return [table, pageFooter(page.items.length, offset, page.total, style)].filter(Boolean).join('\n');
}
