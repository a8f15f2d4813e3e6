// buy, orders: one function per verb.
import { randomUUID } from 'node:crypto';
import { getOrder, listOrders, placeOrder, type Order, type OrderFilter } from '../api/orders.js';
import type { Page } from '../api/types.js';
import type { Ctx } from '../context.js';
import { orderCard, orderList, orderPlaced } from '../ui/orders.js';

export async function runBuy(ctx: Ctx, input: { bookId: string; quantity: number }): Promise<Order> {
  // A fresh key per purchase: the shop answers a resend of it with this same order.
  const order = await ctx.out.wait('Buying', placeOrder(ctx.api, input, randomUUID()));
  await ctx.out.emit(order, orderPlaced);
  return order;
}

export async function runOrders(ctx: Ctx, filter: OrderFilter): Promise<Page<Order>> {
  const page = await ctx.out.wait('Listing orders', listOrders(ctx.api, filter));
  await ctx.out.emit(page, (p, style) => orderList(p, filter.offset ?? 0, style));
  return page;
}

export async function runOrder(ctx: Ctx, input: { id: string }): Promise<Order> {
  const order = await ctx.out.wait('Looking the order up', getOrder(ctx.api, input.id));
  await ctx.out.emit(order, orderCard);
  return order;
}
