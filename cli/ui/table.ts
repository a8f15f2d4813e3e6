// Tables for lists: borderless columns with a header, like `kubectl get` or `gh`, so they
// read well on a terminal and still cut cleanly with awk. cli-table3 is loaded only when
// a table is drawn, so scripts that ask for --json never pay for it.
import { stripVTControlCharacters } from 'node:util';
import type { Style } from './style.js';

export interface Column {
  head: string;
  align?: 'left' | 'right';
  /** Longest the column may get; longer cells are cut with an ellipsis. */
  max?: number;
}

const NO_BORDERS = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid', 'middle'].map((c) => [c, '']),
);

export async function renderTable(columns: Column[], rows: string[][], style: Style): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head: columns.map((c) => style.bold(c.head.toUpperCase())),
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: false,
    chars: NO_BORDERS,
    // cli-table3 colours on its own unless told not to; colours are ours to decide.
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
  });
  for (const row of rows) table.push(row.map((cell, i) => cut(cell ?? '', columns[i]?.max)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

function cut(cell: string, max?: number): string {
  if (!max || stripVTControlCharacters(cell).length <= max || cell !== stripVTControlCharacters(cell)) return cell;
  return `${cell.slice(0, max - 1)}…`;
}
