// books add | edit | remove: the librarian's catalog work.
import { createBook, deleteBook, updateBook, type BookChanges, type NewBook } from '../api/books.js';
import type { Book } from '../api/types.js';
import type { Ctx } from '../context.js';
import { bookSaved } from '../ui/books.js';

export async function runBooksAdd(ctx: Ctx, book: NewBook): Promise<Book> {
  const created = await ctx.out.wait('Adding the book', createBook(ctx.api, book));
  await ctx.out.emit(created, (b, style) => bookSaved(b, 'Added', style));
  return created;
}

export async function runBooksEdit(ctx: Ctx, id: string, changes: BookChanges): Promise<Book> {
  const updated = await ctx.out.wait('Saving the book', updateBook(ctx.api, id, changes));
  await ctx.out.emit(updated, (b, style) => bookSaved(b, 'Updated', style));
  return updated;
}

export async function runBooksRemove(ctx: Ctx, id: string): Promise<{ id: string; removed: true }> {
  await ctx.out.wait('Removing the book', deleteBook(ctx.api, id));
  const result = { id, removed: true as const };
  await ctx.out.emit(result, (r, style) => `Removed ${style.bold(r.id)} from the catalog.`);
  return result;
}
