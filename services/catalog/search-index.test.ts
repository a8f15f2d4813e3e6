import assert from 'node:assert/strict';
import { isbn13CheckDigit } from './isbn.js';
import { SearchIndex, type SearchFilter } from './search-index.js';
import { fold } from './trigram-index.js';
import type { Book } from '../contracts/catalog.js';

const AT = '2026-01-01T00:00:00.000Z';
let serial = 0;
function book(id: string, title: string, authors: string[], topic = 'programming', isbn?: string): Book {
  const first12 = `979${String(++serial).padStart(9, '0')}`;
  return { id, isbn: isbn ?? first12 + isbn13CheckDigit(first12), title, authors, topic, price: 10, createdAt: AT, updatedAt: AT };
}
const ids = (page: { items: Book[] }) => page.items.map((b) => b.id);
const PAGE = { limit: 100, offset: 0 };

describe('SearchIndex.search()', () => {
  const books = [
    book('bk-1', 'Zen of Code', ['Ann Lee']),
    book('bk-2', 'Algorithms', ['Codd Smith']),
    book('bk-3', 'Clean Code', ['Robert C. Martin'], 'software-engineering', '9780132350884'),
    book('bk-4', 'Barcode Basics', ['Ann Lee'], 'cooking'),
    book('bk-5', 'Gödel, Escher, Bach', ['Douglas Hofstadter'], 'science'),
    book('bk-10', 'Algorithms', ['Other Writer']),
  ];
  const index = new SearchIndex(books);

  it('ranks title matches first, each rank in title order', () => {
    // "cod" is also in the author "Codd Smith" of bk-2, which comes after every title match.
    assert.deepEqual(ids(index.search({ q: 'code' }, PAGE)), ['bk-4', 'bk-3', 'bk-1']);
    assert.deepEqual(ids(index.search({ q: 'cod' }, PAGE)), ['bk-4', 'bk-3', 'bk-1', 'bk-2']);
  });

  it('orders equal titles by id number, not as text', () => {
    assert.deepEqual(ids(index.search({ q: 'algorithms' }, PAGE)), ['bk-2', 'bk-10']);
  });

  it('ignores case, accents and repeated blanks', () => {
    assert.deepEqual(ids(index.search({ q: '  GODEL,   escher ' }, PAGE)), ['bk-5']);
  });

  it('finds an ISBN with or without hyphens, and by its ISBN-10', () => {
    for (const q of ['9780132350884', '978-0-13-235088-4', '0132350882', '235088']) {
      assert.deepEqual(ids(index.search({ q }, PAGE)), ['bk-3'], q);
    }
  });

  it('filters by topic and by part of an author name, with q or without', () => {
    assert.deepEqual(ids(index.search({ topic: 'cooking' }, PAGE)), ['bk-4']);
    assert.deepEqual(ids(index.search({ author: 'ann' }, PAGE)), ['bk-4', 'bk-1']);
    assert.deepEqual(ids(index.search({ author: 'ann', q: 'zen' }, PAGE)), ['bk-1']);
    assert.deepEqual(ids(index.search({ topic: 'nope' }, PAGE)), []);
  });

  it('pages through the ranked answer and counts all of it', () => {
    const page = index.search({ q: 'cod' }, { limit: 2, offset: 1 });
    assert.deepEqual(ids(page), ['bk-3', 'bk-1']);
    assert.equal(page.total, 4);
    // With no filter: every book by title (Gödel sorts as "godel").
    assert.deepEqual(ids(index.search({}, PAGE)), ['bk-2', 'bk-10', 'bk-4', 'bk-3', 'bk-5', 'bk-1']);
    assert.deepEqual(ids(index.search({}, { limit: 2, offset: 4 })), ['bk-5', 'bk-1']);
  });

  it('lists topics with counts, by name', () => {
    assert.deepEqual(index.topics(), [
      { topic: 'cooking', count: 1 },
      { topic: 'programming', count: 3 },
      { topic: 'science', count: 1 },
      { topic: 'software-engineering', count: 1 },
    ]);
  });
});

describe('SearchIndex after writes', () => {
  it('finds books added past the room its per-book arrays were built with, by topic and rank', () => {
    const start = Array.from({ length: 1100 }, (_, i) => book(`bk-${i + 1}`, `Title ${i % 97}`, ['Ann Lee'], i % 2 ? 'a' : 'b'));
    const index = new SearchIndex(start, { cacheBytes: 0 });
    index.search({ q: 'title', topic: 'a' }, PAGE); // sizes the marks to the 1,100 books
    const added = Array.from({ length: 400 }, (_, i) => book(`bk-${1101 + i}`, `Title ${i % 89} new`, ['Bo Ray'], 'c'));
    for (const b of added) index.upsert(b);
    const all = [...start, ...added];
    for (const filter of [{ q: 'new' }, { q: 'title', topic: 'c' }, { q: 'tle 5', topic: 'a' }, { topic: 'c' }, { q: 'ray' }]) {
      const answer = index.search(filter, { limit: 100, offset: 0 });
      const expected = bruteForce(all, filter);
      assert.equal(answer.total, expected.length, JSON.stringify(filter));
      assert.deepEqual(ids(answer), expected.slice(0, 100), JSON.stringify(filter));
    }
  });

  it('answers as a brute-force scan does, through inserts, renames and deletes', () => {
    const words = ['data', 'base', 'net', 'work', 'code', 'clean', 'art', 'the', 'of', 'go'];
    const names = ['ann', 'bob', 'cody', 'dana'];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const live = new Map<string, Book>();
    const index = new SearchIndex([]);
    const make = (id: string) =>
      book(id, Array.from({ length: 1 + rand(4) }, () => words[rand(words.length)]).join(' '), [names[rand(4)] + ' ' + words[rand(10)]], ['a', 'b', 'c'][rand(3)]);
    for (let step = 0; step < 600; step++) {
      const id = `bk-${1 + rand(120)}`;
      if (rand(5) === 0) {
        live.delete(id);
        index.remove(id);
      } else {
        const next = make(id);
        live.set(id, next);
        index.upsert(next);
      }
      if (step % 20 === 0) {
        const filter: SearchFilter = { q: rand(2) ? words[rand(10)] : names[rand(4)].slice(0, 3), topic: rand(3) ? undefined : 'b' };
        assert.deepEqual(ids(index.search(filter, PAGE)), bruteForce([...live.values()], filter).slice(0, 100), JSON.stringify(filter));
        assert.equal(index.search(filter, PAGE).total, bruteForce([...live.values()], filter).length);
      }
    }
    assert.equal(index.size, live.size);
  });

  it('forgets an answer it kept once a book changes', () => {
    const index = new SearchIndex([book('bk-1', 'Networks', ['A'])]);
    assert.equal(index.search({ q: 'network' }, PAGE).total, 1);
    index.upsert(book('bk-2', 'Network Basics', ['B']));
    assert.deepEqual(ids(index.search({ q: 'network' }, PAGE)), ['bk-2', 'bk-1']);
    index.remove('bk-1');
    assert.deepEqual(ids(index.search({ q: 'network' }, PAGE)), ['bk-2']);
  });

  it('knows which book holds an ISBN, and forgets it when the book goes', () => {
    const first = book('bk-1', 'A', ['A']);
    const index = new SearchIndex([first]);
    assert.equal(index.ownerOf(first.isbn), 'bk-1');
    index.remove('bk-1');
    assert.equal(index.ownerOf(first.isbn), undefined);
  });
});

describe('SearchIndex built at start-up', () => {
  it('answers a query and an author filter together as a brute-force scan does (both lists read from the packed index)', () => {
    const words = ['data', 'base', 'network', 'code', 'clean', 'art', 'annals', 'bobbin'];
    const names = ['ann', 'anna', 'bob', 'bobby', 'cody', 'dana'];
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const books = Array.from({ length: 400 }, (_, i) =>
      book(`bk-${i + 1}`, Array.from({ length: 1 + rand(3) }, () => words[rand(words.length)]).join(' '), [`${names[rand(names.length)]} ${words[rand(words.length)]}`]),
    );
    const index = new SearchIndex(books, { cacheBytes: 0 });
    for (const author of ['ann', 'bob', 'anna', 'dana', 'cod']) {
      for (const q of ['data', 'bob', 'ann', 'netw', 'art']) {
        assert.deepEqual(ids(index.search({ q, author }, { limit: 500, offset: 0 })), bruteForce(books, { q, author }), JSON.stringify({ q, author }));
      }
    }
  });

  it('folds each book its own title and authors when many books share one title string and one list of authors', () => {
    // As the store reads them back (store.ts): equal titles and equal lists are one string and one array.
    const shared = ['Ann Lee', 'Bob Stone'];
    const books = [
      book('bk-1', 'Data Art', shared),
      book('bk-2', 'Data Art', shared),
      book('bk-3', 'Data Art', ['Ann Lee']),
      book('bk-4', 'Data Arts', ['Ann Lee', 'Cody Marsh']),
      book('bk-5', 'Zen', shared),
    ];
    const index = new SearchIndex(books, { cacheBytes: 0 });
    for (const filter of [{ q: 'stone' }, { q: 'marsh' }, { q: 'lee' }, { q: 'arts' }, { q: 'data art' }, { q: 'bo' }, { author: 'cody' }, { q: 'zen', author: 'bob' }]) {
      assert.deepEqual(ids(index.search(filter, PAGE)), bruteForce(books, filter), JSON.stringify(filter));
    }
  });
});

/** The reference: title matches first, then author matches, each by title then id number. */
function bruteForce(books: Book[], filter: SearchFilter): string[] {
  const q = fold(filter.q ?? '');
  const byTitle = (a: Book, b: Book) => (fold(a.title) < fold(b.title) ? -1 : fold(a.title) > fold(b.title) ? 1 : Number(a.id.slice(3)) - Number(b.id.slice(3)));
  const author = fold(filter.author ?? '');
  const pool = books
    .filter((b) => filter.topic === undefined || b.topic === filter.topic)
    .filter((b) => b.authors.some((a) => fold(a).includes(author)))
    .sort(byTitle);
  const inTitle = pool.filter((b) => fold(b.title).includes(q));
  const inAuthors = pool.filter((b) => !fold(b.title).includes(q) && b.authors.some((a) => fold(a).includes(q)));
  return [...inTitle, ...inAuthors].map((b) => b.id);
}
