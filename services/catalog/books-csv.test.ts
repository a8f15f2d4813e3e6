// data/seed/books.csv is shared with inventory (copies, stock): every row must hold.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../test/support/processes.js';
import { isbn13CheckDigit } from './isbn.js';
import { readSeedBooks, SEED_COLUMNS } from './seed-books.js';

const FILE = path.join(REPO_ROOT, 'data/seed/books.csv');

describe('data/seed/books.csv', () => {
  const text = readFileSync(FILE, 'utf8');
  const rows = parse(text, { columns: true }) as Record<string, string>[];

  it('has exactly the agreed columns', () => {
    assert.equal(text.slice(0, text.indexOf('\n')), SEED_COLUMNS.join(','));
  });

  it('gives every book an ISBN-13 with a valid check digit', () => {
    for (const row of rows) {
      assert.match(row.isbn, /^97[89]\d{10}$/, `${row.id}: ${row.isbn}`);
      assert.equal(isbn13CheckDigit(row.isbn), Number(row.isbn[12]), `${row.id}: check digit of ${row.isbn}`);
    }
  });

  it('numbers the books bk-1, bk-2, … with unique ISBNs', () => {
    assert.deepEqual(rows.map((row) => row.id), rows.map((_, i) => `bk-${i + 1}`));
    assert.equal(new Set(rows.map((row) => row.isbn)).size, rows.length);
  });

  it('has at least 48 books over at least 6 topics', () => {
    assert.ok(rows.length >= 48, `${rows.length} books`);
    assert.ok(new Set(rows.map((row) => row.topic)).size >= 6);
  });

  it('holds the four classic bookstore titles and the classics', () => {
    const titles = rows.map((row) => row.title);
    for (const title of [
      'How to get a good grade in DOS in 40 minutes a day',
      'RPCs for Noobs',
      'Xen and the Art of Surviving Undergraduate School',
      'Cooking for the Impatient Undergrad',
    ]) {
      assert.ok(titles.includes(title), title);
    }
    for (const start of ['Clean Code', 'The Pragmatic Programmer', 'Design Patterns', 'Refactoring']) {
      assert.ok(titles.some((title) => title.startsWith(start)), start);
    }
  });

  it('has 1-4 copies and 0-20 units of stock per book, with some out of stock and some single copies', () => {
    for (const row of rows) {
      assert.ok(/^[1-4]$/.test(row.copies), `${row.id} copies ${row.copies}`);
      assert.ok(/^\d+$/.test(row.stock) && Number(row.stock) <= 20, `${row.id} stock ${row.stock}`);
    }
    assert.ok(rows.some((row) => row.stock === '0'));
    assert.ok(rows.some((row) => row.copies === '1'));
  });

  it('passes every rule of POST /books, authors split on ";"', () => {
    const books = readSeedBooks(FILE, new Date().toISOString());
    assert.equal(books.length, rows.length);
    const gof = books.find((book) => book.title.startsWith('Design Patterns'))!;
    assert.deepEqual(gof.authors, ['Erich Gamma', 'Richard Helm', 'Ralph Johnson', 'John Vlissides']);
  });
});
