// Prompts, for the menu and for arguments left out on a terminal. @inquirer/prompts is
// loaded on first use only. Prompts draw on stderr, so stdout stays clean for output.
import { terminalWidth, type CliIo } from '../io.js';
import { terminalSafe } from './terminal-safe.js';

export interface TextQuestion {
  default?: string;
  /** Refuse an empty answer (the default, when there is one, is not empty). */
  required?: boolean;
  validate?: (value: string) => true | string;
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export class Ask {
  constructor(private readonly io: CliIo) {}

  async text(message: string, question: TextQuestion = {}): Promise<string> {
    const { input } = await import('@inquirer/prompts');
    const answer = await input(
      { message: terminalSafe(message), default: question.default === undefined ? undefined : terminalSafe(question.default), required: question.required, validate: question.validate },
      this.context(),
    );
    return answer.trim();
  }

  async password(message: string, validate?: (value: string) => true | string): Promise<string> {
    const { password } = await import('@inquirer/prompts');
    return password({ message, mask: '*', validate: validate ?? ((v) => (v.length > 0 ? true : 'enter a password')) }, this.context());
  }

  async confirm(message: string, fallback = false): Promise<boolean> {
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message: terminalSafe(message), default: fallback }, this.context());
  }

  async select<T>(message: string, choices: Choice<T>[], fallback?: T): Promise<T> {
    const { select } = await import('@inquirer/prompts');
    // Each line fits the terminal: a long title is cut rather than wrapped onto the next line.
    const width = terminalWidth(this.io.stderr) ?? 80;
    const fit = (text: string, room: number) => (text.length > room ? `${text.slice(0, room - 1)}…` : text);
    const asked = fit(terminalSafe(message), width - 3);
    // The answered line is "✔ <message> <choice>": the choice is cut to what is left of it.
    const short = (name: string) => fit(name, Math.max(12, width - 4 - asked.length));
    const fitted = choices.map((c) => {
      const name = terminalSafe(c.name);
      return { ...c, name: fit(name, width - 3), short: short(name), description: c.description && fit(terminalSafe(c.description), width - 1) };
    });
    return select<T>({ message: asked, choices: fitted, default: fallback, pageSize: 15, loop: false }, this.context());
  }

  /** A whole number within bounds, asked as text so the default shows and edits plainly. */
  async integer(message: string, bounds: { min: number; max?: number; default?: number }): Promise<number> {
    const answer = await this.text(message, {
      default: bounds.default === undefined ? undefined : String(bounds.default),
      required: true,
      validate: (v) => checkInteger(v.trim(), bounds.min, bounds.max) ?? true,
    });
    return Number(answer);
  }

  private context() {
    return { input: this.io.stdin, output: this.io.stderr, clearPromptOnDone: false };
  }
}

/** Why `text` is not a whole number in [min, max], or null when it is one. */
export function checkInteger(text: string, min: number, max = Number.MAX_SAFE_INTEGER): string | null {
  if (!/^\d+$/.test(text)) return 'enter a whole number';
  const n = Number(text);
  if (n < min || n > max) return `enter a number from ${min} to ${max}`;
  return null;
}
