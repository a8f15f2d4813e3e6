// books add | edit | remove (librarians).
import type { Command } from 'commander';
import { runBooksAdd, runBooksEdit, runBooksRemove } from '../actions/books.js';
import { getBook, type BookChanges, type NewBook } from '../api/books.js';
import { UsageError } from '../errors.js';
import { askBookChanges, askNewBook } from '../flows/book-form.js';
import { bookLine } from '../ui/books.js';
import { amount, collect, integer, need, newCommand, newGroup, run, withExamples, type CommandDeps } from './common.js';

interface BookOptions {
  isbn?: string;
  title?: string;
  author?: string[];
  topic?: string;
  year?: number;
  price?: number;
}

function bookOptions(command: Command): Command {
  return command
    .option('--title <title>', 'the title')
    .option('--author <name>', 'an author (repeat for several)', collect)
    .option('--isbn <isbn>', 'ISBN-10 or ISBN-13, hyphens allowed')
    .option('--topic <topic>', 'the topic, e.g. software')
    .option('--year <year>', 'year of publication', integer(0, 9999))
    .option('--price <amount>', 'price, e.g. 29.90', amount);
}

function given(options: BookOptions): BookChanges {
  const { title, author, isbn, topic, year, price } = options;
  const fields: BookChanges = { title, authors: author?.length ? author : undefined, isbn, topic, year, price };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as BookChanges;
}

function makeAdd(deps: CommandDeps): Command {
  const add = bookOptions(newCommand('add', 'add a book to the catalog (asks for what is missing on a terminal)')).action((options: BookOptions) =>
    run(deps, add, async (ctx) => {
      const partial = given(options);
      const missing = (['title', 'authors', 'isbn', 'topic', 'price'] as const).filter((k) => partial[k] === undefined);
      if (missing.length > 0 && !ctx.interactive) {
        throw new UsageError(`missing ${missing.map((k) => (k === 'authors' ? '--author' : `--${k}`)).join(', ')}`);
      }
      await runBooksAdd(ctx, missing.length > 0 ? await askNewBook(ctx, partial) : (partial as NewBook));
    }),
  );
  return withExamples(add, ["library books add --title 'Refactoring' --author 'Martin Fowler' --isbn 978-0134757599 --topic software --year 2018 --price 44.99"]);
}

function makeEdit(deps: CommandDeps): Command {
  const edit = bookOptions(newCommand('edit', 'change some fields of a book (on a terminal with no fields: a form)'))
    .argument('[id]', 'the book id, e.g. bk-1')
    .action((id: string | undefined, options: BookOptions) =>
      run(deps, edit, async (ctx) => {
        const bookId = await need(ctx, id, 'the book id');
        let changes = given(options);
        if (Object.keys(changes).length === 0) {
          if (!ctx.interactive) throw new UsageError('nothing to change: give at least one of --title, --author, --isbn, --topic, --year, --price');
          changes = await askBookChanges(ctx, await getBook(ctx.api, bookId));
          if (Object.keys(changes).length === 0) return ctx.out.note('Nothing changed.');
        }
        await runBooksEdit(ctx, bookId, changes);
      }),
    );
  return withExamples(edit, ['library books edit bk-12 --price 24.50', "library books edit bk-12 --author 'Kent Beck' --author 'Cynthia Andres'"]);
}

function makeRemove(deps: CommandDeps): Command {
  const remove = newCommand('remove', 'remove a book from the catalog')
    .argument('[id]', 'the book id, e.g. bk-1')
    .option('-y, --yes', 'do not ask for confirmation (needed when not on a terminal)')
    .action((id: string | undefined, options: { yes?: boolean }) =>
      run(deps, remove, async (ctx) => {
        const bookId = await need(ctx, id, 'the book id');
        if (!options.yes) {
          if (!ctx.interactive) throw new UsageError('add --yes to remove a book when not on a terminal');
          const book = await getBook(ctx.api, bookId);
          if (!(await ctx.ask.confirm(`Remove ${bookLine(book)}?`))) return ctx.out.note('Nothing removed.');
        }
        await runBooksRemove(ctx, bookId);
      }),
    );
  return withExamples(remove, ['library books remove bk-12', 'library books remove bk-12 --yes --json']);
}

export function makeBooksCommand(deps: CommandDeps) {
  return newGroup('books', 'add, edit and remove books (librarians only)')
    .helpGroup('Librarian:')
    .addCommand(makeAdd(deps))
    .addCommand(makeEdit(deps))
    .addCommand(makeRemove(deps));
}
