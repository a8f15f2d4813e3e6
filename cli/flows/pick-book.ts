// "Which book?": an id is taken as it is; anything else is searched for and picked from
// a list. Every menu action that works on one book starts here.
import { getBook, searchBooks } from '../api/books.js';
import type { Book } from '../api/types.js';
import type { Ctx } from '../context.js';
import { bookLine } from '../ui/books.js';

const BOOK_ID = /^bk-\d+$/i;
const PICK_LIMIT = 30;

/** The chosen book, or null when nothing matched or the user went back. */
/**
 * `confirm`: a verb ("Borrow") to ask about a book that words matched alone, as buying does;
 * an id typed is taken as meant.
 */
export async function pickBook(ctx: Ctx, message = 'Which book? (id, or words from its title, author or ISBN)', confirm?: string): Promise<Book | null> {
  const answer = await ctx.ask.text(message, { required: true });
  if (BOOK_ID.test(answer)) return ctx.out.wait('Looking the book up', getBook(ctx.api, answer.toLowerCase()));
  const page = await ctx.out.wait('Searching the catalog', searchBooks(ctx.api, { q: answer, limit: PICK_LIMIT }));
  if (page.items.length === 0) {
    ctx.out.note(`No books match “${answer}”.`);
    return null;
  }
  if (page.items.length === 1) {
    if (!confirm || (await ctx.ask.confirm(`${confirm} ${bookLine(page.items[0])}?`, true))) return page.items[0];
    return null;
  }
  return chooseBook(ctx, page.items, page.total > page.items.length ? `${page.total} match; showing the first ${page.items.length}` : undefined);
}

export async function chooseBook(ctx: Ctx, books: Book[], note?: string): Promise<Book | null> {
  const choices = books.map((book) => ({ name: bookLine(book), value: book as Book | null }));
  choices.push({ name: 'Back', value: null });
  return ctx.ask.select(note ? `Pick a book (${note})` : 'Pick a book', choices);
}
