// Creates inventory's live data from data/seed/books.csv (its `copies` and `stock`
// columns) when there is none yet. Live data that holds anything is never touched.
import { parse } from 'csv-parse/sync';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SeedOptions, SeedResult } from '../shared/seed.js';
import { acquireLock } from '../shared/store/lock.js';
import { barcodeFor, openInventoryStore } from './store.js';

interface SeedBook {
  bookId: string;
  copies: number;
  stock: number;
}

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const dir = path.join(options.dataDir, 'inventory');
  const file = path.join(options.seedDir, 'books.csv');
  mkdirSync(dir, { recursive: true });
  const release = await acquireLock(dir); // a running inventory owns these files: refuse, naming the lock
  try {
    const store = await openInventoryStore(dir);
    try {
      if (store.count('books') > 0 || store.count('copies') > 0) return ['inventory: kept existing data'];
      const books = readSeedBooks(file);
      const now = new Date().toISOString();
      const copies = await store.change((tx) => {
        let made = 0;
        for (const { bookId, copies: count, stock } of books) {
          tx.put('books', bookId, { bookId, stock, updatedAt: now });
          for (let i = 0; i < count; i++, made++) {
            const barcode = barcodeFor(tx.nextSeq('barcode'));
            tx.put('copies', barcode, { barcode, bookId, status: 'available', updatedAt: now });
          }
        }
        return made;
      });
      await store.compact(); // start from a snapshot rather than one huge journal line
      const units = books.reduce((sum, book) => sum + book.stock, 0);
      return [`inventory: ${copies} copies and ${units} units of stock for ${books.length} books`];
    } finally {
      await store.close();
    }
  } finally {
    release();
  }
}

/** The seed's rows, checked: a bad count stops setup with the file, line and column. */
export function readSeedBooks(file: string): SeedBook[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const where = `${file} line ${index + 2}`;
    const bookId = row.id;
    if (!bookId) throw new Error(`${where}: the id column is empty`);
    if (seen.has(bookId)) throw new Error(`${where}: book ${bookId} appears twice`);
    seen.add(bookId);
    return { bookId, copies: count(row.copies, `${where} column copies`), stock: count(row.stock, `${where} column stock`) };
  });
}

function count(raw: string | undefined, where: string): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d+$/.test(raw)) throw new Error(`${where}: "${raw}" is not a whole number >= 0`);
  return Number(raw);
}
