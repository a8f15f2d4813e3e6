import { runStockSet } from '../actions/stock.js';
import { checkInteger } from '../ui/ask.js';
import { UsageError } from '../errors.js';
import { need, newCommand, newGroup, run, withExamples, type CommandDeps } from './common.js';

export function makeStockCommand(deps: CommandDeps) {
  const set = newCommand('set', 'set how many units of a book are for sale')
    .argument('[bookId]', 'the book id, e.g. bk-1 (asked for on a terminal when left out)')
    .argument('[units]', 'units for sale, 0 or more (asked for on a terminal when left out)')
    .action((bookId: string | undefined, units: string | undefined) =>
      run(deps, set, async (ctx) => {
        const id = await need(ctx, bookId, 'the book id');
        const text = await need(ctx, units, 'the units for sale', { validate: (v) => checkInteger(v, 0) ?? true });
        const problem = checkInteger(text, 0);
        if (problem) throw new UsageError(`units for sale: ${problem}, got "${text}"`);
        await runStockSet(ctx, { bookId: id, stock: Number(text) });
      }),
    );
  withExamples(set, ['library stock set bk-74 12', 'library stock set bk-74 0 --json']);
  return newGroup('stock', 'units of books for sale (librarians only)').helpGroup('Librarian:').addCommand(set);
}
