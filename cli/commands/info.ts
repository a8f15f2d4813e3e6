import { runInfo } from '../actions/info.js';
import { UsageError } from '../errors.js';
import { pickBook } from '../flows/pick-book.js';
import { newCommand, run, withExamples, type CommandDeps } from './common.js';

export function makeInfoCommand(deps: CommandDeps) {
  const command = newCommand('info', "one book's details: price, stock for sale and, when logged in, copies to borrow")
    .helpGroup('Books:')
    .argument('[id]', 'the book id, e.g. bk-1 (on a terminal when left out: an id or words, as in the menu)')
    .action((id: string | undefined) =>
      run(deps, command, async (ctx) => {
        if (id) return runInfo(ctx, { id });
        if (!ctx.interactive) throw new UsageError('missing the book id');
        const book = await pickBook(ctx);
        return book ? runInfo(ctx, { id: book.id }) : null;
      }),
    );
  return withExamples(command, ['library info bk-1', 'library info bk-1 --json']);
}
