// copies add: new lendable copies of a book, each with its barcode.
import { addCopies } from '../api/inventory.js';
import type { AddCopiesResponse } from '../api/types.js';
import type { Ctx } from '../context.js';
import { copiesAdded } from '../ui/inventory.js';

export async function runCopiesAdd(ctx: Ctx, input: { bookId: string; count: number }): Promise<AddCopiesResponse> {
  const reply = await ctx.out.wait('Adding copies', addCopies(ctx.api, input.bookId, input.count));
  await ctx.out.emit(reply, copiesAdded);
  return reply;
}
