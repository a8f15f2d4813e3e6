// Librarian tools: add, edit and remove books.
import { runBooksAdd, runBooksEdit, runBooksRemove } from '../actions/books.js';
import type { Ctx } from '../context.js';
import { bookLine } from '../ui/books.js';
import type { MenuEntry } from './entry.js';
import { askBookChanges, askNewBook } from '../flows/book-form.js';
import { pickBook } from '../flows/pick-book.js';

export const addBookEntry: MenuEntry = {
  label: 'Add a book',
  audience: 'librarian',
  run: async (ctx: Ctx) => void (await runBooksAdd(ctx, await askNewBook(ctx, {}))),
};

export const editBookEntry: MenuEntry = {
  label: 'Edit a book',
  description: 'each field shows its current value; Enter keeps it',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const book = await pickBook(ctx);
    if (!book) return;
    const changes = await askBookChanges(ctx, book);
    if (Object.keys(changes).length === 0) return ctx.out.note('Nothing changed.');
    await runBooksEdit(ctx, book.id, changes);
  },
};

export const removeBookEntry: MenuEntry = {
  label: 'Remove a book',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const book = await pickBook(ctx);
    if (!book) return;
    if (await ctx.ask.confirm(`Remove ${bookLine(book)}?`)) await runBooksRemove(ctx, book.id);
    else ctx.out.note('Nothing removed.');
  },
};
