// Tables for lists: borderless columns with a header, like `kubectl get` or `gh`.
// On a terminal a table fits its width: the widest column that may shrink is cut (with …)
// until the lines fit; ids are never cut. Piped (no width), every value is printed whole,
// tab-separated under a header row, so scripts get full titles and can cut on tabs.
import { stripVTControlCharacters } from 'node:util';
import type { Style } from './style.js';

export interface Column {
  head: string;
  align?: 'left' | 'right';
  /** An id or a short code: never cut to make the table fit. */
  keep?: boolean;
}

const GAP = 2;
/** A column cut to make room keeps at least this many characters (or its heading). */
const MIN_WIDTH = 6;

const visible = (text: string) => stripVTControlCharacters(text).length;

export async function renderTable(columns: Column[], rows: string[][], style: Style): Promise<string> {
  if (style.width === undefined) return tabSeparated(columns, rows);
  const cells = rows.map((row) => columns.map((_, i) => row[i] ?? ''));
  const widths = fitWidths(columns, [columns.map((c) => c.head), ...cells], style.width);
  const line = (row: string[], paint = (t: string) => t) =>
    row
      .map((cell, i) => {
        const text = cut(cell, widths[i]);
        const pad = ' '.repeat(widths[i] - visible(text));
        return columns[i].align === 'right' ? pad + paint(text) : paint(text) + pad;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(columns.map((c) => c.head.toUpperCase()), style.bold), ...cells.map((row) => line(row))].join('\n');
}

/** Column widths: each as wide as its widest cell, then the widest cuttable ones narrowed to fit `width`. */
export function fitWidths(columns: Column[], rows: string[][], width: number): number[] {
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => visible(row[i] ?? ''))));
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > width) {
    const floor = (i: number) => Math.max(MIN_WIDTH, columns[i].head.length);
    const candidates = widths.map((w, i) => i).filter((i) => !columns[i].keep && widths[i] > floor(i));
    if (candidates.length === 0) break; // only ids left: they are never cut
    const widest = candidates.reduce((a, b) => (widths[b] > widths[a] ? b : a));
    const others = candidates.filter((i) => i !== widest).map((i) => widths[i]);
    const target = Math.max(floor(widest), widths[widest] - (total() - width), others.length ? Math.max(...others) : 0);
    widths[widest] = target < widths[widest] ? target : widths[widest] - 1;
  }
  return widths;
}

function cut(cell: string, width: number): string {
  if (visible(cell) <= width) return cell;
  const plain = stripVTControlCharacters(cell); // a cut cell loses its colour, never its width
  return `${plain.slice(0, Math.max(0, width - 1))}…`;
}

/** Whole values, tab-separated, one header row; tabs and line breaks inside a value become spaces. */
function tabSeparated(columns: Column[], rows: string[][]): string {
  const clean = (value: string) => stripVTControlCharacters(value ?? '').replace(/[\t\r\n]+/g, ' ');
  return [columns.map((c) => c.head.toUpperCase()), ...rows].map((row) => columns.map((_, i) => clean(row[i])).join('\t')).join('\n');
}
