import { runInfo } from '../actions/info.js';
import { need, newCommand, run, withExamples, type CommandDeps } from './common.js';

export function makeInfoCommand(deps: CommandDeps) {
  const command = newCommand('info', "one book's details: price, stock for sale and, when logged in, copies to borrow")
    .helpGroup('Books:')
    .argument('[id]', 'the book id, e.g. bk-1 (asked for on a terminal when left out)')
    .action((id: string | undefined) => run(deps, command, async (ctx) => runInfo(ctx, { id: await need(ctx, id, 'the book id') })));
  return withExamples(command, ['library info bk-1', 'library info bk-1 --json']);
}
