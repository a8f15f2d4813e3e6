import { runUsers } from '../actions/users.js';
import { integer, newCommand, run, withExamples, type CommandDeps } from './common.js';

export function makeUsersCommand(deps: CommandDeps) {
  const command = newCommand('users', 'list members and librarians (librarians only)')
    .helpGroup('Librarian:')
    .option('--limit <n>', 'users per page, 1 to 100', integer(1, 100))
    .option('--offset <n>', 'users to skip, for the next page', integer(0))
    .action(({ limit, offset }: { limit?: number; offset?: number }) => run(deps, command, (ctx) => runUsers(ctx, { limit, offset })));
  return withExamples(command, ['library users', 'library users --limit 100 --offset 100 --json']);
}
