// The generated catalog must load exactly as data/seed/books.csv does: checked here with
// the catalog's and inventory's own seed readers and the catalog's ISBN rules.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isValidIsbn13 } from '../services/catalog/isbn.js';
import { readSeedBooks as readCatalogSeed, SEED_COLUMNS } from '../services/catalog/seed-books.js';
import { readSeedBooks as readInventorySeed } from '../services/inventory/seed.js';
import { booksCsv, generateRows, isbn13CheckDigit, isbnFor } from './books-csv.js';

describe('bench books.csv generator', () => {
  let dir: string;
  let file: string;
  const overrides = new Map([
    [1, { copies: 5, stock: 50_000 }],
    [3, { copies: 0, stock: 0 }],
  ]);

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-csv-'));
    file = path.join(dir, 'books.csv');
    writeFileSync(file, booksCsv(2000, overrides));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the seed header the catalog insists on', () => {
    assert.equal(booksCsv(1).split('\n')[0], SEED_COLUMNS.join(','));
  });

  it('gives every book a distinct ISBN-13 with a valid check digit', () => {
    const isbns = generateRows(2000).map((row) => row[1]);
    for (const isbn of isbns) assert.ok(isValidIsbn13(isbn), isbn);
    assert.equal(new Set(isbns).size, isbns.length);
  });

  it('computes the check digits of known ISBNs', () => {
    assert.equal(isbn13CheckDigit('978030640615'), 7); // 978-0-306-40615-7
    assert.equal(isbn13CheckDigit('978316148410'), 0); // 978-3-16-148410-0
    assert.equal(isbnFor(1), '9780000000019');
  });

  it('loads through the catalog seed reader: every row passes POST /books validation', () => {
    const books = readCatalogSeed(file, '2026-01-01T00:00:00.000Z');
    assert.equal(books.length, 2000);
    assert.deepEqual(books.slice(0, 3).map((b) => b.id), ['bk-1', 'bk-2', 'bk-3']);
    assert.ok(books.every((b) => b.authors.length >= 1 && b.title.length > 0));
  });

  it('gives inventory the copies and stock asked for, and a few of each elsewhere', () => {
    const rows = readInventorySeed(file);
    assert.deepEqual(rows[0], { bookId: 'bk-1', copies: 5, stock: 50_000 });
    assert.deepEqual(rows[2], { bookId: 'bk-3', copies: 0, stock: 0 });
    assert.ok(rows.slice(3).every((r) => r.copies >= 1 && r.copies <= 3 && r.stock >= 0 && r.stock < 25));
  });

  it('is the same catalog every time', () => {
    assert.equal(booksCsv(300), booksCsv(300));
  });
});
