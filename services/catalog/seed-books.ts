// Reads data/seed/books.csv: id,isbn,title,authors,topic,year,price,copies,stock with
// authors separated by ";". copies and stock belong to inventory, which reads the same
// file; the catalog takes the rest, checked by the same rules as POST /books.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { check } from '../shared/http/validate.js';
import { bookInputSchema } from './schemas.js';
import { composeBook } from './service.js';
import type { Book } from '../contracts/catalog.js';

export const SEED_COLUMNS = ['id', 'isbn', 'title', 'authors', 'topic', 'year', 'price', 'copies', 'stock'] as const;

export function readSeedBooks(file: string, at: string): Book[] {
  const text = readFileSync(file, 'utf8');
  const header = text.slice(0, text.indexOf('\n')).trim();
  if (header !== SEED_COLUMNS.join(',')) throw new Error(`${file}: the header must be "${SEED_COLUMNS.join(',')}", got "${header}"`);
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const where = `${file} line ${index + 2}`;
    if (!/^bk-[1-9]\d*$/.test(row.id) || seen.has(row.id)) throw new Error(`${where}: id "${row.id}" is not a new bk-N`);
    seen.add(row.id);
    const input = check(
      bookInputSchema,
      {
        isbn: row.isbn,
        title: row.title,
        authors: row.authors.split(';').map((name) => name.trim()),
        topic: row.topic,
        ...(row.year ? { year: Number(row.year) } : {}),
        price: Number(row.price),
      },
      where,
    );
    return composeBook(row.id, input, at, at);
  });
}
