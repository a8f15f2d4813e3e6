// copies add | list | set: lendable copies, each known by its barcode.
import { InvalidArgumentError } from 'commander';
import { runCopiesAdd, runCopiesList, runCopySet } from '../actions/copies.js';
import type { CopyMark } from '../api/types.js';
import { integer, need, newCommand, newGroup, run, withExamples, type CommandDeps } from './common.js';

const MARKS: readonly CopyMark[] = ['available', 'missing', 'withdrawn'];

function mark(raw: string): CopyMark {
  if (!MARKS.includes(raw as CopyMark)) throw new InvalidArgumentError(`must be one of ${MARKS.join(', ')}.`);
  return raw as CopyMark;
}

export function makeCopiesCommand(deps: CommandDeps) {
  const add = newCommand('add', 'add lendable copies of a book; prints their barcodes')
    .argument('[bookId]', 'the book id, e.g. bk-1 (asked for on a terminal when left out)')
    .option('--count <n>', 'how many copies, 1 to 100', integer(1, 100), 1)
    .action((bookId: string | undefined, options: { count: number }) =>
      run(deps, add, async (ctx) => runCopiesAdd(ctx, { bookId: await need(ctx, bookId, 'the book id'), count: options.count })),
    );
  withExamples(add, ['library copies add bk-1', 'library copies add bk-1 --count 3 --json']);
  const list = newCommand('list', "a book's copies: each barcode and where it is")
    .argument('[bookId]', 'the book id, e.g. bk-1')
    .action((bookId: string | undefined) => run(deps, list, async (ctx) => runCopiesList(ctx, { bookId: await need(ctx, bookId, 'the book id') })));
  withExamples(list, ['library copies list bk-1', 'library copies list bk-1 --json']);
  const set = newCommand('set', 'mark a copy missing or withdrawn, or available again when found')
    .argument('<barcode>', 'the copy, e.g. BC000004')
    .argument('<status>', MARKS.join(' | '), mark)
    .action((barcode: string, status: CopyMark) => run(deps, set, (ctx) => runCopySet(ctx, { barcode: barcode.toUpperCase(), status })));
  withExamples(set, ['library copies set BC000003 missing', 'library copies set BC000003 available', 'library copies set BC000003 withdrawn --json']);
  return newGroup('copies', 'lendable copies of books (librarians only)').helpGroup('Librarian:').addCommand(add).addCommand(list).addCommand(set);
}
