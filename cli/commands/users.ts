// users [--role --q --limit --offset] and users show | disable | enable | unlock | role |
// reset-password (librarians).
import { Command, InvalidArgumentError } from 'commander';
import { runUserActive, runUserResetPassword, runUserRole, runUsers, runUserShow, runUserUnlock } from '../actions/users.js';
import { readAll } from '../io.js';
import { UsageError } from '../errors.js';
import { integer, need, newCommand, run, withExamples, type CommandDeps } from './common.js';

type Role = 'member' | 'librarian';
function role(raw: string): Role {
  if (raw !== 'member' && raw !== 'librarian') throw new InvalidArgumentError('must be member or librarian.');
  return raw;
}

function accountVerb(
  deps: CommandDeps,
  name: string,
  description: string,
  verb: (ctx: Parameters<Parameters<typeof run>[2]>[0], username: string) => Promise<unknown>,
  examples = [`library users ${name} alice`, `library users ${name} alice --json`],
): Command {
  const command = newCommand(name, description)
    .argument('[username]', 'the account, e.g. alice')
    .action((username: string | undefined) => run(deps, command, async (ctx) => verb(ctx, await need(ctx, username, 'the username'))));
  return withExamples(command, examples);
}

export function makeUsersCommand(deps: CommandDeps) {
  const command = newCommand('users', 'list members and librarians; show, disable, enable, unlock an account, change its role or password (librarians only)')
    .helpGroup('Librarian:')
    .option('--role <role>', 'only members or only librarians', role)
    .option('--q <words>', 'only accounts whose username, name or email contain this')
    .option('--limit <n>', 'users per page, 1 to 100', integer(1, 100))
    .option('--offset <n>', 'users to skip, for the next page', integer(0))
    .action((o: { role?: Role; q?: string; limit?: number; offset?: number }) =>
      run(deps, command, (ctx) => runUsers(ctx, { role: o.role, q: o.q, limit: o.limit, offset: o.offset })),
    );
  command.addCommand(accountVerb(deps, 'show', 'one account: name, email, role, whether it is active', (ctx, username) => runUserShow(ctx, { username })));
  command.addCommand(accountVerb(deps, 'disable', 'stop an account from logging in; its tokens stop working', (ctx, username) => runUserActive(ctx, { username, active: false })));
  command.addCommand(accountVerb(deps, 'enable', 'let a disabled account log in again', (ctx, username) => runUserActive(ctx, { username, active: true })));
  // Until the users service has POST /users/:username/unlock, only the refusal of a name
  // nobody has is the same with and without it (the docs test runs every example).
  command.addCommand(
    accountVerb(deps, 'unlock', 'lift the lockout after too many failed logins', (ctx, username) => runUserUnlock(ctx, { username }), [
      'library users unlock nobody-here   # → exit 1 Not found',
    ]),
  );
  const roleCommand = newCommand('role', 'make an account a member or a librarian')
    .argument('<username>', 'the account')
    .argument('<role>', 'member | librarian', role)
    .action((username: string, to: Role) => run(deps, roleCommand, (ctx) => runUserRole(ctx, { username, role: to })));
  command.addCommand(withExamples(roleCommand, ['library users role alice librarian', 'library users role alice member --json']));
  const reset = newCommand('reset-password', 'give an account a new password: the one on stdin, or a random one printed once')
    .argument('<username>', 'the account')
    .option('--password-stdin', 'read the new password from stdin')
    .action((username: string, o: { passwordStdin?: boolean }) =>
      run(deps, reset, async (ctx) => {
        const password = o.passwordStdin ? (await readAll(deps.io.stdin)).replace(/\r?\n$/, '') : undefined;
        if (o.passwordStdin && !password) throw new UsageError('no password on stdin');
        return runUserResetPassword(ctx, { username, password });
      }),
    );
  command.addCommand(withExamples(reset, ['library users reset-password alice', "printf '%s\\n' 'through-the-looking-glass' | library users reset-password alice --password-stdin"]));
  return withExamples(command, ['library users', 'library users --role librarian', 'library users --q alice --json']);
}
