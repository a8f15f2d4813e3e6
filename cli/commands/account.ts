// login, logout, whoami, register.
import { runLogin, runLogout, runRegister, runWhoami } from '../actions/account.js';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { readAll } from '../io.js';
import { need, newCommand, run, withExamples, type CommandDeps } from './common.js';

const USERNAME = { validate: (v: string) => (/^[a-z0-9_.-]{3,32}$/.test(v) ? true : '3 to 32 of a-z, 0-9, _ . -') };

export function makeLoginCommand(deps: CommandDeps) {
  const command = newCommand('login', 'log in and keep the session for the next commands')
    .helpGroup('Your account:')
    .argument('[username]', 'your username (asked for on a terminal when left out)')
    .option('--password-stdin', 'read the password from stdin, for scripts')
    .action((username: string | undefined, options: { passwordStdin?: boolean }) =>
      run(deps, command, async (ctx) => {
        const name = await need(ctx, username, 'the username');
        const password = await passwordFrom(ctx, Boolean(options.passwordStdin), 'Password:');
        await runLogin(ctx, { username: name, password });
      }),
    );
  return withExamples(command, ["printf '%s\\n' \"$PASSWORD\" | library login admin --password-stdin"]);
}

export function makeLogoutCommand(deps: CommandDeps) {
  const command = newCommand('logout', 'forget the saved session')
    .helpGroup('Your account:')
    .action(() => run(deps, command, (ctx) => runLogout(ctx)));
  return withExamples(command, ['library logout']);
}

export function makeWhoamiCommand(deps: CommandDeps) {
  const command = newCommand('whoami', 'who you are logged in as, asked of the users service')
    .helpGroup('Your account:')
    .action(() => run(deps, command, (ctx) => runWhoami(ctx)));
  return withExamples(command, ['library whoami', 'library whoami --json']);
}

export function makeRegisterCommand(deps: CommandDeps) {
  const command = newCommand('register', 'become a member (then log in)')
    .helpGroup('Your account:')
    .argument('[username]', '3 to 32 of a-z, 0-9, _ . - (asked for on a terminal when left out)')
    .option('--name <name>', 'your full name')
    .option('--email <email>', 'your email address')
    .option('--password-stdin', 'read the password (10 characters or more) from stdin, for scripts')
    .action((username: string | undefined, options: { name?: string; email?: string; passwordStdin?: boolean }) =>
      run(deps, command, async (ctx) => {
        if (!ctx.interactive) requireAll({ username, '--name': options.name, '--email': options.email });
        const request = {
          username: await need(ctx, username, 'the username', USERNAME),
          name: await need(ctx, options.name, 'your name'),
          email: await need(ctx, options.email, 'your email address'),
          password: await passwordFrom(ctx, Boolean(options.passwordStdin), 'Password (10 characters or more):', true),
        };
        await runRegister(ctx, request);
      }),
    );
  return withExamples(command, [
    "printf '%s\\n' \"$PASSWORD\" | library register alice --name 'Alice Liddell' --email alice@example.org --password-stdin",
    "printf '%s\\n' \"$PASSWORD\" | library register bob --name 'Bob Hatter' --email bob@example.org --password-stdin",
  ]);
}

/** stdin when asked to; else a masked prompt on a terminal; else a usage error. */
async function passwordFrom(ctx: Ctx, fromStdin: boolean, message: string, twice = false): Promise<string> {
  if (fromStdin) {
    // Only the final line break is the shell's; anything else belongs to the password.
    const password = (await readAll(ctx.io.stdin)).replace(/\r?\n$/, '');
    if (password === '') throw new UsageError('--password-stdin read an empty password');
    return password;
  }
  if (!ctx.interactive) throw new UsageError('missing the password: pipe it in with --password-stdin, or run on a terminal');
  const password = await ctx.ask.password(message);
  if (twice && (await ctx.ask.password('Password again:')) !== password) throw new UsageError('the two passwords differ');
  return password;
}

/** In a script, name every missing value at once rather than one per run. */
function requireAll(values: Record<string, string | undefined>): void {
  const missing = Object.entries(values).filter(([, v]) => !v?.trim()).map(([k]) => k);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`);
}
