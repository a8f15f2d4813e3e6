// How an import's outcome looks: what was added, what was there already, each refused row.
import type { Style } from './style.js';

export interface ImportResult {
  file: string;
  dryRun: boolean;
  rows: number;
  /** New books, by the line they came from (ids are empty in a dry run). */
  added: { line: number; id: string; isbn: string }[];
  /** Rows whose ISBN the catalog had already: left as they are. */
  existing: number;
  copies: number;
  stock: number;
  refused: { line: number; reason: string }[];
}

export function importReport(r: ImportResult, style: Style): string {
  const books = (n: number) => `${n} ${n === 1 ? 'book' : 'books'}`;
  const verb = r.dryRun ? 'Would add' : 'Added';
  const lines = [
    `${r.dryRun ? style.accent('Dry run, nothing changed. ') : ''}${verb} ${books(r.added.length)} (${r.copies} ${r.copies === 1 ? 'copy' : 'copies'}, ${r.stock} for sale) from ${r.rows} ${r.rows === 1 ? 'row' : 'rows'} of ${r.file}; ${r.existing} already in the catalog.`,
  ];
  if (r.refused.length > 0) {
    lines.push(style.warn(`${r.refused.length} ${r.refused.length === 1 ? 'row' : 'rows'} refused:`));
    for (const { line, reason } of r.refused) lines.push(`  line ${line}: ${reason}`);
  }
  return lines.join('\n');
}
