// search: books whose title, author or ISBN match, one page at a time.
import { searchBooks, type BookQuery } from '../api/books.js';
import type { Book, Page } from '../api/types.js';
import type { Ctx } from '../context.js';
import { bookList } from '../ui/books.js';

export async function runSearch(ctx: Ctx, query: BookQuery): Promise<Page<Book>> {
  const page = await ctx.out.wait('Searching the catalog', searchBooks(ctx.api, query));
  await ctx.out.emit(page, (p, style) => bookList(p, query, style));
  return page;
}
