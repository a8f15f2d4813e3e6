// One run of the client: a subcommand, the menu, or help; always an exit code, never
// process.exit, so tests can run it in-process with their own streams.
import { CommanderError } from 'commander';
import { createContext } from './context.js';
import { describeError, EXIT, exitCodeFor } from './errors.js';
import type { CliIo } from './io.js';
import { createProgram } from './program.js';
import { Output } from './ui/output.js';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram({ io, context: (options) => createContext(io, options) });
  if (argv.length === 0) {
    if (io.stdin.isTTY && io.stdout.isTTY) {
      const { runMenu } = await import('./menu/index.js');
      return runMenu(createContext(io));
    }
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has already printed its own message (or the help that was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    new Output(io, false).error(describeError(error));
    return exitCodeFor(error);
  }
}
