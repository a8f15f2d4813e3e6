// Where everything the client says goes. With --json, stdout carries the API's JSON
// and nothing else; otherwise each result is drawn for people. Notes and errors go
// to stderr either way. Whatever came from a service is printed terminal-safe (terminal-safe.ts).
import { stripVTControlCharacters } from 'node:util';
import { terminalWidth, wantsColor, type CliIo } from '../io.js';
import { withSpinner } from './spinner.js';
import { createStyle, type Style } from './style.js';
import { inertJson, terminalSafe, terminalSafeData } from './terminal-safe.js';

export type Render<T> = (data: T, style: Style) => string | Promise<string>;

export class Output {
  readonly style: Style;
  readonly errStyle: Style;

  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {
    this.style = createStyle(wantsColor(io, io.stdout), terminalWidth(io.stdout));
    this.errStyle = createStyle(wantsColor(io, io.stderr), terminalWidth(io.stderr));
  }

  /** The result of a verb: JSON as the API gave it, or drawn by `render`. */
  async emit<T>(data: T, render: Render<T>): Promise<void> {
    if (this.json) {
      this.io.stdout.write(inertJson(JSON.stringify(data ?? null, null, 2)) + '\n');
      return;
    }
    const drawn = await render(terminalSafeData(data), this.style);
    // On a terminal a long line is wrapped at a space (tables fit already); piped, it stays whole.
    const text = this.style.width === undefined ? drawn : wrapLines(drawn, this.style.width);
    if (text) this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A remark for the person at the terminal (stderr), never part of the result. */
  note(text: string): void {
    this.io.stderr.write(`${this.errStyle.dim(this.fitErr(terminalSafe(text)))}\n`);
  }

  warn(text: string): void {
    this.io.stderr.write(`${this.errStyle.warn(this.fitErr(terminalSafe(text)))}\n`);
  }

  error(text: string): void {
    this.io.stderr.write(`${this.errStyle.bad(this.fitErr(`library: ${terminalSafe(text)}`))}\n`);
  }

  /** On a terminal a long remark wraps at a space like the results do; for a log it stays one line. */
  private fitErr(text: string): string {
    return this.errStyle.width === undefined ? text : wrapLines(text, this.errStyle.width);
  }

  /** Waits on a service with a spinner on stderr, when stderr is a terminal. */
  wait<T>(label: string, work: Promise<T>): Promise<T> {
    return withSpinner(this.io.stderr, this.errStyle.color, terminalSafe(label), work);
  }
}

/** Wraps each line wider than `width` at spaces; continuation lines are indented by two. */
export function wrapLines(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (stripVTControlCharacters(line).length <= width) return [line];
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        const next = current === '' ? word : `${current} ${word}`;
        if (current !== '' && stripVTControlCharacters(next).length > width) {
          out.push(current);
          current = `  ${word}`;
        } else current = next;
      }
      out.push(current);
      return out;
    })
    .join('\n');
}
