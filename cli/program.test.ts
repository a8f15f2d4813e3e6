import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { createContext } from './context.js';
import { createProgram } from './program.js';
import { captureIo } from './testing/io.js';

/** Every command that does something: those without subcommands, and those with an action of their own (`users`, `loans`). */
function leaves(command: Command, path: string[] = []): [string, Command][] {
  const subs = command.commands.filter((c) => c.name() !== 'help');
  const acts = path.length > 0 && (command as unknown as { _actionHandler: unknown })._actionHandler != null;
  const self: [string, Command][] = subs.length === 0 || acts ? [[path.join(' '), command]] : [];
  return [...self, ...subs.flatMap((c) => leaves(c, [...path, c.name()]))];
}

describe('the library program', function () {
  const io = captureIo({});
  const program = createProgram({ io, context: (options) => createContext(io, options) });

  it('has every subcommand of the contract that is built so far, each taking --json', () => {
    const all = leaves(program);
    for (const name of ['search', 'info', 'login', 'logout', 'whoami', 'register', 'status', 'books add', 'books edit', 'books remove', 'copies add', 'stock set', 'users']) {
      assert.ok(all.some(([path]) => path === name), `no subcommand ${name}`);
    }
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
      assert.match(help, /Examples:\n {2}\$ library /, `${path} --help shows no examples`);
    }
  });
});
