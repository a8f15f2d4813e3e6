import { runCopiesAdd } from '../actions/copies.js';
import { integer, need, newCommand, newGroup, run, withExamples, type CommandDeps } from './common.js';

export function makeCopiesCommand(deps: CommandDeps) {
  const add = newCommand('add', 'add lendable copies of a book; prints their barcodes')
    .argument('[bookId]', 'the book id, e.g. bk-1 (asked for on a terminal when left out)')
    .option('--count <n>', 'how many copies, 1 to 100', integer(1, 100), 1)
    .action((bookId: string | undefined, options: { count: number }) =>
      run(deps, add, async (ctx) => runCopiesAdd(ctx, { bookId: await need(ctx, bookId, 'the book id'), count: options.count })),
    );
  withExamples(add, ['library copies add bk-1', 'library copies add bk-1 --count 3 --json']);
  return newGroup('copies', 'lendable copies of books (librarians only)').helpGroup('Librarian:').addCommand(add);
}
