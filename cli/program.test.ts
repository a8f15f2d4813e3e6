import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { createContext } from './context.js';
import { createProgram } from './program.js';
import { captureIo } from '../test/fixtures/cli-io.js';

/** Every command that does something: those without subcommands, and those with an action of their own (`users`, `loans`). */
function leaves(command: Command, path: string[] = []): [string, Command][] {
  const subs = command.commands.filter((c) => c.name() !== 'help');
  const acts = path.length > 0 && (command as unknown as { _actionHandler: unknown })._actionHandler != null;
  const self: [string, Command][] = subs.length === 0 || acts ? [[path.join(' '), command]] : [];
  return [...self, ...subs.flatMap((c) => leaves(c, [...path, c.name()]))];
}

/** The subcommands DESIGN.md promises, in its order: the scripted verbs, the librarian's, the front desk's. */
const CONTRACT = [
  'search', 'info', 'login', 'logout', 'whoami', 'register', 'borrow', 'return', 'renew', 'loans', 'hold', 'holds',
  'buy', 'orders', 'schedule', 'reserve', 'reservations', 'cancel-reservation', 'status',
  'books add', 'books edit', 'books remove', 'copies add', 'stock set', 'schedule set', 'users', 'overdue',
  'checkout', 'checkin', 'copies list', 'copies set', 'holds shelf',
  'users show', 'users disable', 'users enable', 'users unlock', 'users role', 'users reset-password',
  'books import', 'books export', 'loans export', 'orders export', 'completion',
];

describe('the library program', function () {
  const io = captureIo({});
  const program = createProgram({ io, context: (options) => createContext(io, options) });

  it('has every subcommand of the contract (DESIGN.md, "The terminal client"), each taking --json', () => {
    const all = leaves(program);
    const missing = CONTRACT.filter((name) => !all.some(([path]) => path === name));
    assert.deepEqual(missing, [], `subcommands of the contract missing: ${missing.join(', ')}`);
    for (const [path, command] of all) {
      assert.ok(command.options.some((o) => o.long === '--json'), `${path} has no --json`);
    }
  });

  it('gives every subcommand a description and examples in its help', () => {
    for (const [path, command] of leaves(program)) {
      assert.ok(command.description().length > 0, `${path} has no description`);
      let help = '';
      command.configureOutput({ writeOut: (s) => (help += s) });
      command.outputHelp();
      assert.match(help, /Examples:\n {2}\$ [^\n]*\blibrary /, `${path} --help shows no examples`);
    }
  });
});
