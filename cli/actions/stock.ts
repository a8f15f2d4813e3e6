// stock set: how many units of a book are for sale.
import { setStock } from '../api/inventory.js';
import type { BookInventory } from '../api/types.js';
import type { Ctx } from '../context.js';
import { stockSet } from '../ui/inventory.js';

export async function runStockSet(ctx: Ctx, input: { bookId: string; stock: number }): Promise<BookInventory> {
  const reply = await ctx.out.wait('Setting the stock', setStock(ctx.api, input.bookId, input.stock));
  await ctx.out.emit(reply, stockSet);
  return reply;
}
