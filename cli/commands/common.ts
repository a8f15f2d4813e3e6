// What every subcommand shares: the --json option, building its context, turning a
// left-out argument into a prompt (terminal) or a usage error (script), and parsers
// for numbers that fail as usage errors (exit 2).
import { Command, InvalidArgumentError } from 'commander';
import type { ContextOptions, Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { TextQuestion } from '../ui/ask.js';

export interface CommandDeps {
  io: CliIo;
  context(options: ContextOptions): Ctx;
}

/** A registry line: one feature's subcommand (or several). */
export type CommandFactory = (deps: CommandDeps) => Command | Command[];

/** A subcommand that does something: it takes --json like every other. */
export function newCommand(name: string, description: string): Command {
  return new Command(name).description(description).option('--json', "print the API's JSON on stdout instead of text");
}

/** A command that only holds subcommands, e.g. `books`. */
export function newGroup(name: string, description: string): Command {
  return new Command(name).description(description);
}

const EXAMPLES = new WeakMap<Command, string[]>();

/** "Examples:" lines for --help (kept too, so the docs test can run every one). */
export function withExamples(command: Command, examples: string[]): Command {
  EXAMPLES.set(command, [...(EXAMPLES.get(command) ?? []), ...examples]);
  return command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

/** The examples a command's --help shows. */
export function examplesOf(command: Command): string[] {
  return EXAMPLES.get(command) ?? [];
}

/**
 * Runs one verb with a context made from the command's options. --json counts from any
 * command on the path: commander hands `loans export --json` to `loans` when both declare it.
 */
export async function run(deps: CommandDeps, command: Command, verb: (ctx: Ctx) => Promise<unknown>): Promise<void> {
  const ctx = deps.context({ json: wantsJson(command) });
  try {
    await verb(ctx);
  } catch (error) {
    if (error instanceof UsageError) error.command ??= commandPath(command);
    throw error;
  }
}

function wantsJson(command: Command): boolean {
  for (let c: Command | null = command; c; c = c.parent) if (c.opts().json) return true;
  return false;
}

export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** A value the user left out: asked for on a terminal, a usage error in a script. */
export async function need(ctx: Ctx, value: string | undefined, what: string, question: TextQuestion = {}): Promise<string> {
  if (value !== undefined && value.trim() !== '') return value.trim();
  if (!ctx.interactive) throw new UsageError(`missing ${what}`);
  const label = what.replace(/^the /, '');
  return ctx.ask.text(`${label[0].toUpperCase()}${label.slice(1)}:`, { required: true, ...question });
}

/** Parser for a whole-number option or argument within [min, max]. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw.trim())) throw new InvalidArgumentError('must be a whole number.');
    const n = Number(raw);
    if (n < min || n > max) throw new InvalidArgumentError(`must be from ${min} to ${max}.`);
    return n;
  };
}

/** Parser for an amount of money: not negative, at most two decimals. */
export function amount(raw: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(raw.trim())) throw new InvalidArgumentError('must be an amount like 12 or 12.50.');
  return Number(raw);
}

/** For options that may be given more than once, e.g. --author. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
