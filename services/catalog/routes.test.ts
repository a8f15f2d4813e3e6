import assert from 'node:assert/strict';
import { send } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startCatalog, type CatalogFixture } from '../../test/fixtures/catalog.js';

const NEW_BOOK = {
  isbn: '978-0-596-51774-8',
  title: 'JavaScript: The Good Parts',
  authors: ['Douglas Crockford'],
  topic: 'programming',
  year: 2008,
  price: 29.99,
};

describe('catalog routes', () => {
  let catalog: CatalogFixture;
  let librarian: string;
  let member: string;
  beforeEach(async () => {
    catalog = await startCatalog();
    librarian = await tokenFor('lib', 'librarian');
    member = await tokenFor('ann', 'member');
  });
  afterEach(() => catalog.close());

  describe('GET /books', () => {
    it('lists every book by title without a token', async () => {
      const reply = await send(catalog.url, 'GET', '/books');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.total, 4);
      assert.deepEqual(reply.body.items.map((b: any) => b.title), ['Clean Code', 'Design Patterns', 'Designing Data-Intensive Applications', 'RPCs for Noobs']);
      assert.deepEqual(Object.keys(reply.body.items[0]), ['id', 'isbn', 'title', 'authors', 'topic', 'year', 'price', 'createdAt', 'updatedAt']);
    });

    it('ranks title matches before author matches', async () => {
      const reply = await send(catalog.url, 'GET', '/books?q=MARTIN');
      assert.deepEqual(reply.body.items.map((b: any) => b.id), ['bk-1', 'bk-4']); // both by a Martin, no title match
      const design = await send(catalog.url, 'GET', '/books?q=design');
      assert.deepEqual(design.body.items.map((b: any) => b.id), ['bk-2', 'bk-4']);
    });

    it('finds a book by its ISBN with hyphens', async () => {
      const reply = await send(catalog.url, 'GET', `/books?q=${encodeURIComponent('978-0-13-235088-4')}`);
      assert.deepEqual(reply.body.items.map((b: any) => b.id), ['bk-1']);
    });

    it('filters by topic and author, and pages with limit and offset', async () => {
      const reply = await send(catalog.url, 'GET', '/books?topic=distributed-systems&limit=1&offset=1');
      assert.deepEqual(reply.body, { items: [reply.body.items[0]], total: 2 });
      assert.equal(reply.body.items[0].id, 'bk-3');
      const byAuthor = await send(catalog.url, 'GET', '/books?author=helm');
      assert.deepEqual(byAuthor.body.items.map((b: any) => b.id), ['bk-2']);
    });

    it('refuses a limit over 100 and unknown parameters with 422', async () => {
      for (const query of ['limit=101', 'limit=0', 'offset=-1', 'limit=abc', 'sort=title', 'topic=Not%20A%20Slug']) {
        const reply = await send(catalog.url, 'GET', `/books?${query}`);
        assert.equal(reply.status, 422, query);
        assert.equal(reply.body.type, '/problems/validation-failed');
      }
    });
  });

  describe('GET /books/:id', () => {
    it('answers the book', async () => {
      const reply = await send(catalog.url, 'GET', '/books/bk-2');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.isbn, '9780201633610');
      assert.deepEqual(reply.body.authors, ['Erich Gamma', 'Richard Helm']);
    });

    it('answers 404 /problems/unknown-book for an unknown id', async () => {
      const reply = await send(catalog.url, 'GET', '/books/bk-99');
      assert.equal(reply.status, 404);
      assert.equal(reply.body.type, '/problems/unknown-book');
    });
  });

  describe('GET /topics and GET /search/:topic', () => {
    it('counts books per topic', async () => {
      const reply = await send(catalog.url, 'GET', '/topics');
      assert.deepEqual(reply.body, {
        items: [
          { topic: 'distributed-systems', count: 2 },
          { topic: 'programming', count: 1 },
          { topic: 'software-engineering', count: 1 },
        ],
        total: 3,
      });
    });

    it('lists id and title of a topic, in any case, and nothing for an unknown topic', async () => {
      const reply = await send(catalog.url, 'GET', '/search/Distributed-Systems');
      assert.deepEqual(reply.body, { items: [{ id: 'bk-4', title: 'Designing Data-Intensive Applications' }, { id: 'bk-3', title: 'RPCs for Noobs' }], total: 2 });
      assert.deepEqual((await send(catalog.url, 'GET', '/search/gardening')).body, { items: [], total: 0 });
      assert.equal((await send(catalog.url, 'GET', '/search/no%20such')).status, 422);
    });
  });

  describe('POST /books', () => {
    it('adds a book as bk-N+1 with its ISBN-13, for a librarian', async () => {
      const reply = await send(catalog.url, 'POST', '/books', { json: NEW_BOOK, token: librarian });
      assert.equal(reply.status, 201);
      assert.equal(reply.headers.get('location'), '/books/bk-5');
      assert.equal(reply.body.id, 'bk-5');
      assert.equal(reply.body.isbn, '9780596517748');
      assert.equal(reply.body.createdAt, reply.body.updatedAt);
      assert.deepEqual((await send(catalog.url, 'GET', '/books/bk-5')).body, reply.body);
      assert.deepEqual((await send(catalog.url, 'GET', '/books?q=good%20parts')).body.items, [reply.body]);
    });

    it('stores an ISBN-10 as its ISBN-13', async () => {
      const reply = await send(catalog.url, 'POST', '/books', { json: { ...NEW_BOOK, isbn: '0-596-51774-2' }, token: librarian });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.isbn, '9780596517748');
    });

    it('refuses an ISBN the catalog has, in any form, with 409 /problems/duplicate-isbn', async () => {
      for (const isbn of ['9780132350884', '0132350882', '978-0-13-235088-4']) {
        const reply = await send(catalog.url, 'POST', '/books', { json: { ...NEW_BOOK, isbn }, token: librarian });
        assert.equal(reply.status, 409, isbn);
        assert.equal(reply.body.type, '/problems/duplicate-isbn');
        assert.equal(reply.body.bookId, 'bk-1');
      }
    });

    it('is refused to members (403) and to anonymous callers (401)', async () => {
      assert.equal((await send(catalog.url, 'POST', '/books', { json: NEW_BOOK, token: member })).status, 403);
      const anonymous = await send(catalog.url, 'POST', '/books', { json: NEW_BOOK });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.type, '/problems/unauthorized');
      assert.equal((await send(catalog.url, 'GET', '/books')).body.total, 4);
    });
  });

  describe('PUT /books/:id', () => {
    it('replaces every field, dropping a year it is not given', async () => {
      const before = (await send(catalog.url, 'GET', '/books/bk-1')).body;
      const { year: _year, ...withoutYear } = NEW_BOOK;
      const reply = await send(catalog.url, 'PUT', '/books/bk-1', { json: withoutYear, token: librarian });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.title, NEW_BOOK.title);
      assert.equal(reply.body.year, undefined);
      assert.equal(reply.body.createdAt, before.createdAt);
      assert.ok(reply.body.updatedAt >= before.updatedAt);
      assert.equal((await send(catalog.url, 'GET', '/books?q=clean%20code')).body.total, 0);
    });

    it('keeps its own ISBN but refuses another book\'s (409)', async () => {
      const own = await send(catalog.url, 'PUT', '/books/bk-1', { json: { ...NEW_BOOK, isbn: '9780132350884' }, token: librarian });
      assert.equal(own.status, 200);
      const other = await send(catalog.url, 'PUT', '/books/bk-1', { json: { ...NEW_BOOK, isbn: '9780201633610' }, token: librarian });
      assert.equal(other.status, 409);
      assert.equal(other.body.type, '/problems/duplicate-isbn');
    });

    it('answers 404 for an unknown book and 403 for a member', async () => {
      assert.equal((await send(catalog.url, 'PUT', '/books/bk-99', { json: NEW_BOOK, token: librarian })).status, 404);
      assert.equal((await send(catalog.url, 'PUT', '/books/bk-1', { json: NEW_BOOK, token: member })).status, 403);
    });
  });

  describe('PATCH /books/:id', () => {
    it('changes only the fields given; year null removes the year', async () => {
      const reply = await send(catalog.url, 'PATCH', '/books/bk-2', { json: { price: 45, year: null }, token: librarian });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.price, 45);
      assert.equal(reply.body.year, undefined);
      assert.equal(reply.body.title, 'Design Patterns');
      const moved = await send(catalog.url, 'PATCH', '/books/bk-2', { json: { topic: 'software-engineering' }, token: librarian });
      assert.equal(moved.body.topic, 'software-engineering');
      assert.deepEqual((await send(catalog.url, 'GET', '/topics')).body.items.map((t: any) => t.count), [2, 2]);
    });

    it('refuses a taken ISBN (409), an unknown book (404), a member (403) and no token (401)', async () => {
      assert.equal((await send(catalog.url, 'PATCH', '/books/bk-2', { json: { isbn: '9780132350884' }, token: librarian })).status, 409);
      assert.equal((await send(catalog.url, 'PATCH', '/books/bk-99', { json: { price: 1 }, token: librarian })).status, 404);
      assert.equal((await send(catalog.url, 'PATCH', '/books/bk-2', { json: { price: 1 }, token: member })).status, 403);
      assert.equal((await send(catalog.url, 'PATCH', '/books/bk-2', { json: { price: 1 } })).status, 401);
    });
  });

  describe('DELETE /books/:id', () => {
    it('is refused to members (403) and anonymous callers (401), and 404 for an unknown book', async () => {
      assert.equal((await send(catalog.url, 'DELETE', '/books/bk-1', { token: member })).status, 403);
      assert.equal((await send(catalog.url, 'DELETE', '/books/bk-1')).status, 401);
      assert.equal((await send(catalog.url, 'DELETE', '/books/bk-99', { token: librarian })).status, 404);
      assert.equal((await send(catalog.url, 'GET', '/books/bk-1')).status, 200);
    });
  });

  describe('GET /health', () => {
    it('says ok, counts the books and says whether the search index is whole', async () => {
      await send(catalog.url, 'GET', '/books?q=code'); // answered once the index is whole
      const reply = await send(catalog.url, 'GET', '/health');
      assert.equal(reply.body.status, 'ok');
      assert.equal(reply.body.service, 'catalog');
      assert.equal(reply.body.books, 4);
      assert.equal(reply.body.searchIndex, 'ready');
    });
  });
});
