// The shop in the menu: buy a book, my orders.
import { runOrders } from '../actions/orders.js';
import type { Ctx } from '../context.js';
import type { MenuEntry } from './entry.js';
import { buyFlow } from '../flows/orders-buy.js';

export const buyEntry: MenuEntry = {
  label: 'Buy a book',
  description: 'pick a book, say how many, see the total and confirm',
  audience: 'user',
  async run(ctx: Ctx) {
    await buyFlow(ctx, {});
  },
};

export const myOrdersEntry: MenuEntry = {
  label: 'My orders',
  description: 'the books you have bought, newest first',
  audience: 'user',
  async run(ctx: Ctx) {
    const username = ctx.session.current()?.user.username;
    await runOrders(ctx, { username, limit: 100 });
  },
};
