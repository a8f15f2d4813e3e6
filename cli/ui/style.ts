// Colours, decided once per stream: off with NO_COLOR or when the stream is not a terminal.
import { Chalk } from 'chalk';

export type Paint = (text: string) => string;

export interface Style {
  readonly color: boolean;
  /** The terminal's width in columns; undefined when the output is not a terminal (piped). */
  readonly width?: number;
  bold: Paint;
  dim: Paint;
  good: Paint;
  bad: Paint;
  warn: Paint;
  accent: Paint;
}

export function createStyle(color: boolean, width?: number): Style {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    color,
    width,
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    good: (t) => chalk.green(t),
    bad: (t) => chalk.red(t),
    warn: (t) => chalk.yellow(t),
    accent: (t) => chalk.cyan(t),
  };
}
