// books import <file.csv> [--dry-run] and books export [--output FILE]: the catalog as a
// CSV file, columns isbn,title,authors,topic,year,price,copies,stock (authors joined by ";").
// Import streams the file through csv-parse and is idempotent by ISBN: a book whose ISBN
// the catalog has already is left as it is. Each refused row is reported by its line
// number and the reason; copies and stock are created with each new book.
import { parse } from 'csv-parse';
import { createReadStream, statSync } from 'node:fs';
import { createBook, searchBooks, type NewBook } from '../api/books.js';
import { ApiProblem } from '../api/errors.js';
import { addCopies, setStock } from '../api/inventory.js';
import type { ApiClient } from '../api/client.js';
import type { Book, BookInventory } from '../api/types.js';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { allPages, unescapeFormula, writeCsv, type CsvRow } from '../files/csv-export.js';
import { progressBar } from '../files/progress.js';
import { importReport, type ImportResult } from '../ui/books-files.js';

export const BOOK_COLUMNS = ['isbn', 'title', 'authors', 'topic', 'year', 'price', 'copies', 'stock'] as const;
/** Rows sent to the library at once: enough to hide the round trips, few enough to be gentle. */
const IN_FLIGHT = 16;
const MAX_COPIES = 1000;

interface Row {
  line: number;
  book: NewBook;
  copies: number;
  stock: number;
}

/** Thrown after the report is printed: some rows were refused, so the command exits 1. */
export class RowsRefused extends Error {
  constructor(readonly count: number, readonly rows: number) {
    super(`${count} of ${rows} ${rows === 1 ? 'row was' : 'rows were'} refused (each is listed above with its line number)`);
    this.name = 'RowsRefused';
  }
}

export async function runBooksImport(ctx: Ctx, input: { file: string; dryRun: boolean }): Promise<ImportResult> {
  let size: number;
  try {
    size = statSync(input.file).size;
  } catch {
    throw new UsageError(`cannot read ${input.file}`);
  }
  // The catalog's own schema: a row is refused here for exactly what the catalog would refuse.
  const { bookInputSchema } = await import('../../services/catalog/schemas.js');
  const known = await ctx.out.wait('Reading the catalog', catalogIsbns(ctx.api));
  const result: ImportResult = { file: input.file, dryRun: input.dryRun, rows: 0, added: [], existing: 0, copies: 0, stock: 0, refused: [] };
  const seenAt = new Map<string, number>();
  const progress = progressBar(ctx.io, input.dryRun ? 'Checking' : 'Importing', size, !ctx.out.json);
  const file = createReadStream(input.file);
  const parser = file.pipe(parse({ columns: header, bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
  const running = new Set<Promise<void>>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      result.rows++;
      const line = info.lines;
      progress.update(file.bytesRead, result.rows);
      const row = readRow(record, line, bookInputSchema);
      if (typeof row === 'string') {
        result.refused.push({ line, reason: row });
        continue;
      }
      const earlier = seenAt.get(row.book.isbn);
      if (earlier !== undefined) {
        result.refused.push({ line, reason: `ISBN ${row.book.isbn} is on line ${earlier} already` });
        continue;
      }
      seenAt.set(row.book.isbn, line);
      if (known.has(row.book.isbn)) {
        result.existing++;
        continue;
      }
      if (input.dryRun) {
        result.added.push({ line, id: '', isbn: row.book.isbn });
        result.copies += row.copies;
        result.stock += row.stock;
        continue;
      }
      const task = addRow(ctx.api, row, result).finally(() => running.delete(task));
      running.add(task);
      if (running.size >= IN_FLIGHT) await Promise.race(running);
    }
    await Promise.all(running);
  } catch (error) {
    await Promise.allSettled(running);
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) throw new UsageError(`${input.file}: ${error.message}`);
    throw error;
  } finally {
    progress.end();
  }
  result.refused.sort((a, b) => a.line - b.line);
  result.added.sort((a, b) => a.line - b.line);
  await ctx.out.emit(result, importReport);
  if (result.refused.length > 0) throw new RowsRefused(result.refused.length, result.rows);
  return result;
}

/** The header row must name exactly the columns (in any order). */
function header(names: string[]): string[] {
  const got = names.map((n) => n.trim().toLowerCase());
  const missing = BOOK_COLUMNS.filter((c) => !got.includes(c));
  const extra = got.filter((c) => !(BOOK_COLUMNS as readonly string[]).includes(c));
  if (missing.length || extra.length) {
    const why = [missing.length && `missing ${missing.join(', ')}`, extra.length && `unknown ${extra.join(', ')}`].filter(Boolean).join('; ');
    throw new UsageError(`the header row must be ${BOOK_COLUMNS.join(',')} (${why})`);
  }
  return got;
}

type BookSchema = { safeParse(value: unknown): { success: true; data: NewBook } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };

/** The row as a book with its copies and stock, or why it is refused. */
function readRow(record: Record<string, string>, line: number, schema: BookSchema): Row | string {
  const number = (raw: string) => (raw === '' ? undefined : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN);
  const candidate = {
    isbn: record.isbn ?? '',
    title: unescapeFormula(record.title ?? ''),
    authors: unescapeFormula(record.authors ?? '').split(';').map((a) => a.trim()).filter(Boolean),
    topic: record.topic ?? '',
    price: number(record.price ?? ''),
    ...(record.year ? { year: number(record.year) } : {}),
  };
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue.path.join('.') || 'row'}: ${issue.path[0] === 'price' && candidate.price === undefined ? 'is required' : issue.message}`;
  }
  const copies = count(record.copies, 'copies', MAX_COPIES);
  if (typeof copies === 'string') return copies;
  const stock = count(record.stock, 'stock', 1_000_000_000);
  if (typeof stock === 'string') return stock;
  return { line, book: parsed.data, copies, stock };
}

function count(raw: string | undefined, name: string, max: number): number | string {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > max) return `${name}: must be a whole number from 0 to ${max}`;
  return Number(raw);
}

async function addRow(api: ApiClient, row: Row, result: ImportResult): Promise<void> {
  let book: Book;
  try {
    book = await createBook(api, row.book);
  } catch (error) {
    // Added meanwhile by someone else: as idempotent as if it had been there before.
    if (error instanceof ApiProblem && error.code === 'duplicate-isbn') return void result.existing++;
    if (error instanceof ApiProblem && !error.unavailable) return void result.refused.push({ line: row.line, reason: error.message });
    throw error;
  }
  try {
    for (let left = row.copies; left > 0; left -= 100) await addCopies(api, book.id, Math.min(100, left));
    if (row.stock > 0) await setStock(api, book.id, row.stock);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    result.refused.push({ line: row.line, reason: `book ${book.id} was added, but its copies or stock were not: ${why} (set them with copies add / stock set)` });
    return;
  }
  result.added.push({ line: row.line, id: book.id, isbn: row.book.isbn });
  result.copies += row.copies;
  result.stock += row.stock;
}

/** Every ISBN the catalog has now (ISBN-13, as it stores them). */
async function catalogIsbns(api: ApiClient): Promise<Set<string>> {
  const isbns = new Set<string>();
  for await (const book of allPages((offset) => searchBooks(api, { limit: 100, offset }))) isbns.add(book.isbn);
  return isbns;
}

export async function runBooksExport(ctx: Ctx, input: { output?: string }): Promise<{ rows: number; output?: string }> {
  const inventory = new Map<string, BookInventory>();
  await ctx.out.wait('Reading the inventory', (async () => {
    for await (const item of allPages((offset) => listInventory(ctx.api, offset))) inventory.set(item.bookId, item);
  })());
  async function* rows(): AsyncIterable<CsvRow> {
    for await (const b of allPages((offset) => searchBooks(ctx.api, { limit: 100, offset }))) {
      const held = inventory.get(b.id);
      yield { isbn: b.isbn, title: b.title, authors: b.authors.join(';'), topic: b.topic, year: b.year ?? '', price: b.price.toFixed(2), copies: held?.copies.total ?? 0, stock: held?.stock ?? 0 };
    }
  }
  const count = await writeCsv(ctx, BOOK_COLUMNS, rows(), input.output);
  const result = { rows: count, output: input.output };
  if (input.output) await ctx.out.emit(result, (r) => `Wrote ${r.rows} ${r.rows === 1 ? 'book' : 'books'} to ${r.output}.`);
  return result;
}

function listInventory(api: ApiClient, offset: number): Promise<{ items: BookInventory[]; total: number }> {
  return api.get('/inventory', { searchParams: { limit: 100, offset } });
}
