import assert from 'node:assert/strict';
import { generateBooks } from '../../bench/catalog-search.js';
import { SearchIndex } from './search-index.js';
import { fold } from './trigram-index.js';
import type { Book } from '../contracts/catalog.js';

/** The reference: every book checked, title matches then author matches, each by title then id number. */
function scan(books: Iterable<Book>, q: string): string[] {
  const needle = fold(q);
  const sorted = [...books]
    .map((book) => ({ book, title: fold(book.title), names: book.authors.map(fold).join('\n') }))
    .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : Number(a.book.id.slice(3)) - Number(b.book.id.slice(3))));
  const inTitle = sorted.filter((b) => b.title.includes(needle));
  const inAuthors = sorted.filter((b) => !b.title.includes(needle) && b.names.includes(needle));
  return [...inTitle, ...inAuthors].map((b) => b.book.id);
}

const ids = (page: { items: Book[] }) => page.items.map((book) => book.id);

// Enough books for several blocks of 1,024 positions, so pages cross block boundaries.
describe('SearchIndex: one- and two-character queries (ShortQueryIndex)', function () {
  this.timeout(60_000);
  const QUERIES = ['a', 'e', 'z', 'q', 'at', 'en', 'qu', 'ze', 'n ', 'ö', 'xx'];

  function assertSameAsScan(index: SearchIndex, live: Map<string, Book>, q: string): void {
    const expected = scan(live.values(), q);
    const offsets = [0, 1, 1023, 1024, Math.floor(expected.length / 2), expected.length - 5, expected.length, expected.length + 10];
    for (const offset of offsets.filter((o) => o >= 0)) {
      const page = index.search({ q }, { limit: 20, offset });
      assert.equal(page.total, expected.length, `total of "${q}"`);
      assert.deepEqual(ids(page), expected.slice(offset, offset + 20), `"${q}" from ${offset}`);
    }
  }

  it('answers as a scan of every book does, at every offset', () => {
    const books = generateBooks(3500);
    books[7] = { ...books[7], title: 'Ödön Zebra', authors: ['Xxavier Quinn'] };
    const index = new SearchIndex(books, { cacheBytes: 0 });
    const live = new Map(books.map((book) => [book.id, book]));
    for (const q of QUERIES) assertSameAsScan(index, live, q);
  });

  it('stays exact through inserts, renames and deletes anywhere in the title order', () => {
    const books = generateBooks(2500);
    const index = new SearchIndex(books, { cacheBytes: 0 });
    const live = new Map(books.map((book) => [book.id, book]));
    const fresh = generateBooks(300);
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let step = 0; step < 300; step++) {
      const kind = rand(3);
      if (kind === 0) {
        const added = { ...fresh[step], id: `bk-${3000 + step}` };
        live.set(added.id, added);
        index.upsert(added);
      } else if (kind === 1) {
        const old = books[rand(books.length)];
        const renamed = { ...old, title: `${'Aaa Zzz Mmm'.split(' ')[rand(3)]} ${old.title}`, authors: [`Ze ${rand(50)}`] };
        live.set(renamed.id, renamed);
        index.upsert(renamed);
      } else {
        const gone = books[rand(books.length)].id;
        live.delete(gone);
        index.remove(gone);
      }
    }
    for (const q of QUERIES) assertSameAsScan(index, live, q);
  });

  it('stays exact when writes bring more grams than its rows had room for, and more blocks', () => {
    // 16 blocks of 1,024 positions less a few: the inserts below need a 17th block.
    const books = generateBooks(16 * 1024 - 5);
    const index = new SearchIndex(books, { cacheBytes: 0 });
    const live = new Map(books.map((book) => [book.id, book]));
    // Titles of CJK characters: two thousand new two-character grams, past the 1,024 grams a row first holds.
    for (let i = 0; i < 40; i++) {
      const chars = Array.from({ length: 50 }, (_, k) => String.fromCharCode(0x4e00 + ((i * 50 + k) * 7) % 3000)).join('');
      const added = { ...books[i], id: `bk-${20_000 + i}`, title: `${i % 2 ? 'Zz' : 'Aa'} ${chars}`, isbn: books[i].isbn };
      live.set(added.id, added);
      index.upsert(added);
    }
    const cjk = [...live.values()].at(-1)!.title.slice(3, 5);
    for (const q of ['a', 'zz', 'en', cjk, cjk[0]]) assertSameAsScan(index, live, q);
  });
});

describe('SearchIndex: pages of a kept answer', () => {
  it('gives a shallow page of an answer not yet sorted from a heap, as the scan orders it', () => {
    const books = generateBooks(3000);
    const index = new SearchIndex(books);
    const expected = scan(books, 'sys');
    assert.deepEqual(ids(index.search({ q: 'sys' }, { limit: 50, offset: 150 })), expected.slice(150, 200));
    assert.deepEqual(ids(index.search({ q: 'sys' }, { limit: 50, offset: 160 })), expected.slice(160, 210));
  });

  it('gives every page of a longer query, first or deep, as the scan orders it', () => {
    const books = generateBooks(3000);
    const index = new SearchIndex(books);
    const live = new Map(books.map((book) => [book.id, book]));
    for (const q of ['data', 'ing', 'smith']) {
      const expected = scan(live.values(), q);
      assert.ok(expected.length > 100, `"${q}" has ${expected.length} matches`);
      // Deep first (an answer not yet sorted), then the first page, then deep again (kept and sorted).
      for (const offset of [expected.length - 30, 0, 0, 150, expected.length - 30]) {
        assert.deepEqual(ids(index.search({ q }, { limit: 50, offset })), expected.slice(offset, offset + 50), `"${q}" from ${offset}`);
      }
    }
  });
});
