// Every `… export`: rows streamed page by page through csv-stringify into a file (or
// stdout), so a catalog of any size is never held whole. One mechanism for books, loans and orders.
// Cells are formula-escaped, as the services' own CSV files are (shared/store/csv-log.ts): a
// title such as =HYPERLINK(…) or a username such as -1-1 must not run when a librarian opens
// the report in a spreadsheet. `books import` takes the mark off again (unescapeFormula).
import { stringify } from 'csv-stringify';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';

export type CsvRow = Record<string, string | number | undefined>;

/** Writes `columns` as the header, then every row `rows` yields; returns how many rows. */
export async function writeCsv(ctx: Ctx, columns: readonly string[], rows: AsyncIterable<CsvRow>, output?: string): Promise<number> {
  if (ctx.out.json && !output) throw new UsageError('--json needs --output FILE: without it, stdout carries the CSV');
  const csv = stringify({ header: true, columns: [...columns], cast: { number: (n) => String(n) }, escape_formulas: true });
  const sink = output ? createWriteStream(output, { flags: 'w' }) : ctx.io.stdout;
  const done = output ? pipeline(csv, sink) : pipeToStdout(csv, ctx.io.stdout);
  let count = 0;
  try {
    for await (const row of rows) {
      if (!csv.write(row)) await once(csv, 'drain');
      count++;
    }
  } finally {
    csv.end();
  }
  await done;
  return count;
}

/** stdout is not ended (the process still writes to it); only the CSV's end is awaited. */
function pipeToStdout(csv: NodeJS.ReadableStream, stdout: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    csv.on('error', reject);
    csv.on('end', resolve);
    csv.pipe(stdout, { end: false });
  });
}

/** Every item of a paged list route, 100 at a time. */
export async function* allPages<T>(page: (offset: number) => Promise<{ items: T[]; total: number }>): AsyncIterable<T> {
  for (let offset = 0; ; ) {
    const { items, total } = await page(offset);
    yield* items;
    offset += items.length;
    if (items.length === 0 || offset >= total) return;
  }
}

export { unescapeFormula } from '../../services/shared/store/formula-escape.js';
