// Search and book details.
import { runInfo } from '../actions/info.js';
import { runSearch } from '../actions/search.js';
import type { Ctx } from '../context.js';
import { bookLine } from '../ui/books.js';
import type { MenuEntry } from './entry.js';
import { bookActions } from '../flows/book-actions.js';
import { pickBook } from '../flows/pick-book.js';

const PAGE = 10;

type Next = { open: string } | { offset: number } | 'back';

export const searchEntry: MenuEntry = {
  label: 'Search books',
  description: 'by title, author or ISBN; then open one',
  audience: 'anyone',
  async run(ctx: Ctx) {
    const q = await ctx.ask.text('Search for (title, author or ISBN; empty for every book):');
    let offset = 0;
    for (;;) {
      const page = await runSearch(ctx, { q: q || undefined, limit: PAGE, offset });
      if (page.items.length === 0) return;
      const choices: { name: string; value: Next }[] = page.items.map((b) => ({ name: bookLine(b), value: { open: b.id } }));
      if (offset + page.items.length < page.total) choices.push({ name: 'Next page', value: { offset: offset + PAGE } });
      if (offset > 0) choices.push({ name: 'Previous page', value: { offset: Math.max(0, offset - PAGE) } });
      choices.push({ name: 'Back to the menu', value: 'back' });
      const next = await ctx.ask.select('Open a book', choices);
      if (next === 'back') return;
      if ('open' in next) {
        await runInfo(ctx, { id: next.open });
        return bookActions(ctx, next.open);
      }
      offset = next.offset;
    }
  },
};

export const infoEntry: MenuEntry = {
  label: 'Book details',
  description: 'price, stock and copies of one book',
  audience: 'anyone',
  async run(ctx: Ctx) {
    const book = await pickBook(ctx);
    if (!book) return;
    await runInfo(ctx, { id: book.id });
    await bookActions(ctx, book.id);
  },
};
