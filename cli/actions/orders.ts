// buy, orders: one function per verb.
import { randomUUID } from 'node:crypto';
import { ApiProblem, Unreachable } from '../api/errors.js';
import { getOrder, listOrders, placeOrder, type Order, type OrderFilter } from '../api/orders.js';
import type { Page } from '../api/types.js';
import type { Ctx } from '../context.js';
import { orderCard, orderList, orderPlaced } from '../ui/orders.js';

/** Sends of one purchase when no answer comes back: the first, and this many resends. */
const BUY_RESENDS = 2;

export async function runBuy(ctx: Ctx, input: { bookId: string; quantity: number }, pauseMs = 500): Promise<Order> {
  // One key per purchase, resent with every retry: should an answer be lost (no answer, or
  // the shop unavailable), the shop answers the resend with the same order, never a second one.
  const key = randomUUID();
  const order = await ctx.out.wait('Buying', sendWithRetries(() => placeOrder(ctx.api, input, key), pauseMs));
  await ctx.out.emit(order, orderPlaced);
  return order;
}

async function sendWithRetries<T>(send: () => Promise<T>, pauseMs: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const unanswered = error instanceof Unreachable || (error instanceof ApiProblem && error.unavailable);
      if (!unanswered || attempt >= BUY_RESENDS) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
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
