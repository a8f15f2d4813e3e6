// Every example of every subcommand's --help, as Examples for the docs test, in the order
// they run. Who is logged in matters (a member borrows, a librarian checks in), and so does
// what came before (the copy alice holds is the one bob was lent), so the order is written
// down here, command by command, with who each command's examples are for. A command with
// examples that is missing here fails the test: nothing is skipped.
import type { Command } from 'commander';
import { examplesOf } from '../../cli/commands/common.js';
import { createProgram } from '../../cli/program.js';
import type { Example } from './doc-examples.js';

type Who = 'anyone' | 'admin' | 'alice';

/** Command paths ('' is `library` itself), in running order. */
export const HELP_ORDER: Array<[path: string, who: Who]> = [
  ['', 'anyone'], // ends logged in as admin (its login example)
  ['search', 'anyone'],
  ['info', 'anyone'],
  ['status', 'anyone'],
  ['completion', 'anyone'],
  ['register', 'anyone'],
  ['login', 'anyone'],
  ['whoami', 'admin'],
  ['checkout', 'admin'], // bob borrows bk-2's only copy, and one of bk-1
  ['books add', 'admin'], // bk-74
  ['books edit', 'admin'],
  ['copies add', 'admin'],
  ['copies list', 'admin'],
  ['copies set', 'admin'],
  ['stock set', 'admin'],
  ['books remove', 'admin'],
  ['books export', 'admin'],
  ['books import', 'admin'],
  ['schedule set', 'admin'],
  ['hold', 'alice'], // bk-2: its copy is out with bob
  ['holds', 'alice'],
  ['cancel-hold', 'alice'],
  ['borrow', 'alice'], // ln-3 bk-1, ln-4 bk-4 (BC000007), ln-5 bk-5 (BC000009)
  ['renew', 'alice'],
  ['return', 'alice'],
  ['loans', 'alice'],
  ['buy', 'alice'],
  ['orders', 'alice'],
  ['schedule', 'alice'],
  ['reserve', 'alice'],
  ['reservations', 'alice'],
  ['cancel-reservation', 'alice'],
  ['checkin', 'admin'],
  ['holds shelf', 'admin'],
  ['loans export', 'admin'],
  ['orders export', 'admin'],
  ['overdue', 'admin'],
  ['fines', 'admin'],
  ['fines pay', 'admin'],
  ['users', 'admin'],
  ['users show', 'admin'],
  ['users disable', 'admin'],
  ['users enable', 'admin'],
  ['users unlock', 'admin'],
  ['users role', 'admin'],
  ['users reset-password', 'admin'],
  ['logout', 'admin'],
];

/** Every command path that has examples, with them. */
export function examplesByCommand(): Map<string, string[]> {
  const program = createProgram({ io: undefined as never, context: () => undefined as never });
  const found = new Map<string, string[]>();
  const walk = (command: Command, names: string[]) => {
    const examples = examplesOf(command);
    if (examples.length > 0) found.set(names.join(' '), examples);
    for (const sub of command.commands) walk(sub, [...names, sub.name()]);
  };
  walk(program, []);
  return found;
}

/**
 * The examples in HELP_ORDER, each once (a group's --help may repeat a subcommand's), with
 * a login line of the test's own (`$PASSWORD`, the one every account of the run has) where
 * the user changes. Throws naming any command with examples that HELP_ORDER leaves out.
 */
export function helpExamples(): Example[] {
  const byCommand = examplesByCommand();
  const missing = [...byCommand.keys()].filter((path) => !HELP_ORDER.some(([p]) => p === path));
  if (missing.length > 0) throw new Error(`--help examples not in HELP_ORDER: ${missing.map((p) => `library ${p}`).join(', ')}`);
  const examples: Example[] = [];
  const seen = new Set<string>();
  let current: Who = 'anyone';
  for (const [path, who] of HELP_ORDER) {
    const list = byCommand.get(path);
    if (!list) throw new Error(`HELP_ORDER names library ${path}, which has no examples`);
    if (who !== 'anyone' && who !== current) {
      examples.push({ where: `(the test logs in as ${who})`, command: `printf '%s\\n' "$PASSWORD" | library login ${who} --password-stdin`, answers: [] });
    }
    if (who !== 'anyone') current = who;
    for (const command of list) {
      if (seen.has(command)) continue;
      seen.add(command);
      // `library fines pay alice 2.50   # → exit 1 …`: the answer the help shows, as in the README.
      const [text, answer] = command.split(/\s+# → /);
      examples.push({ where: `library ${path ? `${path} ` : ''}--help`, command: text, answers: answer ? [answer] : [] });
    }
    if (list.some((c) => c.includes('library login admin'))) current = 'admin';
  }
  return examples;
}
