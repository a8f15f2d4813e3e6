// Librarian tools: copies to lend and stock to sell.
import { runCopiesAdd } from '../actions/copies.js';
import { runStockSet } from '../actions/stock.js';
import { getBookInfo } from '../api/books.js';
import type { Ctx } from '../context.js';
import type { MenuEntry } from './entry.js';
import { pickBook } from '../flows/pick-book.js';

export const addCopiesEntry: MenuEntry = {
  label: 'Add copies',
  description: 'new lendable copies, each with a barcode',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const book = await pickBook(ctx);
    if (!book) return;
    const count = await ctx.ask.integer(`How many copies of “${book.title}”?`, { min: 1, max: 100, default: 1 });
    await runCopiesAdd(ctx, { bookId: book.id, count });
  },
};

export const setStockEntry: MenuEntry = {
  label: 'Set stock for sale',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const book = await pickBook(ctx);
    if (!book) return;
    const { stock } = await ctx.out.wait('Reading the stock', getBookInfo(ctx.api, book.id));
    const units = await ctx.ask.integer(`Units of “${book.title}” for sale (now ${stock}):`, { min: 0, default: stock });
    await runStockSet(ctx, { bookId: book.id, stock: units });
  },
};
