// books add | edit | remove (librarians).
import { Command } from 'commander';
import { BOOK_COLUMNS, runBooksExport, runBooksImport } from '../actions/books-files.js';
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
  return withExamples(add, ["library books add --title 'The Little Schemer' --author 'Daniel P. Friedman' --author 'Matthias Felleisen' --isbn 9780262560993 --topic programming --year 1995 --price 38.00"]);
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
  return withExamples(edit, ['library books edit bk-74 --price 24.50', "library books edit bk-74 --author 'Daniel P. Friedman' --author 'Matthias Felleisen'"]);
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
  return withExamples(remove, ['library books remove bk-74 --yes --json']);
}

function makeImport(deps: CommandDeps): Command {
  const command = newCommand('import', `add the books of a CSV file (${BOOK_COLUMNS.join(',')}; authors joined by ";"), with their copies and stock`)
    .argument('<file>', 'the CSV file, with that header row')
    .option('--dry-run', 'check every row and say what would be added, changing nothing')
    .addHelpText('after', '\nA book whose ISBN the catalog has already is left as it is, so importing a file twice adds nothing.\nEach refused row is named by its line number and the reason; then the command exits 1.')
    .action((file: string, options: { dryRun?: boolean }) => run(deps, command, (ctx) => runBooksImport(ctx, { file, dryRun: Boolean(options.dryRun) })));
  return withExamples(command, ['library books import books.csv --dry-run', 'library books import books.csv']);
}

function makeExport(deps: CommandDeps): Command {
  const command = newCommand('export', 'the whole catalog as CSV, with copies and stock: what `books import` reads')
    .option('--output <file>', 'write to this file instead of stdout')
    .action((options: { output?: string }) => run(deps, command, (ctx) => runBooksExport(ctx, options)));
  return withExamples(command, ['library books export --output books.csv', 'library books export | head -3']);
}

export function makeBooksCommand(deps: CommandDeps) {
  return newGroup('books', 'add, edit, remove, import and export books (librarians only)')
    .helpGroup('Librarian:')
    .addCommand(makeAdd(deps))
    .addCommand(makeEdit(deps))
    .addCommand(makeRemove(deps))
    .addCommand(makeImport(deps))
    .addCommand(makeExport(deps));
}
