// ./setup.sh: the catalog's live data from data/seed/books.csv, only where there is none.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SeedOptions, SeedResult } from '../shared/seed.js';
import { acquireLock } from '../shared/store/lock.js';
import { readSeedBooks } from './seed-books.js';
import { catalogStoreExists, openCatalogStore } from './store.js';

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const dir = path.join(options.dataDir, 'catalog');
  mkdirSync(dir, { recursive: true });
  // Even reading the store may trim a torn journal line: a running catalog must own it alone.
  const release = await acquireLock(dir);
  try {
    if (catalogStoreExists(dir)) {
      const store = await openCatalogStore(dir);
      const count = store.count('books');
      await store.close();
      return [`catalog: kept existing data (${count} books)`];
    }
    const file = path.join(options.seedDir, 'books.csv');
    const count = await load(dir, readSeedBooks(file, new Date().toISOString()));
    return [`catalog: ${count} books from ${shown(file)}`];
  } finally {
    release();
  }
}

async function load(dir: string, books: ReturnType<typeof readSeedBooks>): Promise<number> {
  const last = Math.max(0, ...books.map((book) => Number(book.id.slice(3))));
  const store = await openCatalogStore(dir);
  try {
    await store.change((tx) => {
      for (const book of books) tx.put('books', book.id, book);
      // The sequence moves one step per call: bring it to the highest seeded number so
      // the next POST /books gets bk-(N+1).
      if (last > 0) while (tx.nextSeq('book') < last);
    });
    await store.compact(); // start from a snapshot rather than one long journal line
  } finally {
    await store.close();
  }
  return books.length;
}

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
