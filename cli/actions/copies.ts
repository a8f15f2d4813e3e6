// copies add | list | set: lendable copies of a book, each with its barcode.
import { getBook } from '../api/books.js';
import { addCopies, getInventory, setCopyStatus } from '../api/inventory.js';
import type { AddCopiesResponse, BookInventoryDetail, Copy, CopyMark } from '../api/types.js';
import type { Ctx } from '../context.js';
import { copiesAdded, copyList, copySet } from '../ui/inventory.js';

export async function runCopiesAdd(ctx: Ctx, input: { bookId: string; count: number }): Promise<AddCopiesResponse> {
  const reply = await ctx.out.wait('Adding copies', addCopies(ctx.api, input.bookId, input.count));
  await ctx.out.emit(reply, copiesAdded);
  return reply;
}

export async function runCopiesList(ctx: Ctx, input: { bookId: string }): Promise<BookInventoryDetail> {
  const [inventory, book] = await ctx.out.wait('Listing copies', Promise.all([getInventory(ctx.api, input.bookId), getBook(ctx.api, input.bookId).catch(() => null)]));
  await ctx.out.emit(inventory, (i, style) => copyList(i, book?.title, style));
  return inventory;
}

export async function runCopySet(ctx: Ctx, input: { barcode: string; status: CopyMark }): Promise<Copy> {
  const copy = await ctx.out.wait('Changing the copy', setCopyStatus(ctx.api, input.barcode, input.status));
  await ctx.out.emit(copy, copySet);
  return copy;
}
