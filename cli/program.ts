// The `library` command line: every registered subcommand, with commander's own errors
// turned into exceptions so that the exit code is ours to choose (usage errors are 2).
import { Command } from 'commander';
import { VERSION } from '../services/shared/version.js';
import { COMMANDS } from './commands/index.js';
import { withExamples, type CommandDeps } from './commands/common.js';

const OVERVIEW = `
With no subcommand on a terminal, library opens a menu. Every menu action is also a
subcommand for scripts; add --json to any of them for the API's JSON on stdout.
`;

const EXAMPLES = [
  'library search clean code',
  'library info bk-1',
  "printf '%s\\n' \"$PASSWORD\" | library login admin --password-stdin",
  'library status',
];

const CODES = `
Exit codes: 0 done, 1 refused by a service, 2 bad usage, 3 a service could not be reached.
Environment: LIBRARY_URL (default http://127.0.0.1:5000), LIBRARY_TOKEN, NO_COLOR, XDG_CONFIG_HOME.
`;

export function createProgram(deps: CommandDeps): Command {
  const program = new Command('library')
    .description("the library's terminal client: search, borrow, buy and book reading-room seats")
    .version(VERSION, '-V, --version')
    .addHelpText('after', OVERVIEW);
  withExamples(program, EXAMPLES).addHelpText('after', CODES);
  for (const make of COMMANDS) {
    for (const command of [make(deps)].flat()) program.addCommand(command);
  }
  configureTree(program, deps);
  return program;
}

function helpOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return `${names.join(' ')} --help`;
}

/** addCommand() does not pass settings down, so each command in the tree gets them. */
function configureTree(command: Command, deps: CommandDeps): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => deps.io.stdout.write(text),
      writeErr: (text) => deps.io.stderr.write(text),
      // One line, like every other failure, pointing at the help of the command that refused:
      // "library: option '--limit <n>' argument '0' is invalid. … (see: library search --help)".
      outputError: (text, write) =>
        write(`library: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (see: ${helpOf(command)})\n`),
    });
  for (const sub of command.commands) configureTree(sub, deps);
}
