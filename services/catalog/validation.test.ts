import assert from 'node:assert/strict';
import { send, snapshotFiles, type SendOptions } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startCatalog, type CatalogFixture } from '../../test/fixtures/catalog.js';

const GOOD = { isbn: '9780596517748', title: 'JavaScript: The Good Parts', authors: ['Douglas Crockford'], topic: 'programming', year: 2008, price: 29.99 };

type Case = [what: string, method: string, path: string, options: SendOptions, status: number, type: string];

const invalid = '/problems/validation-failed';
const with_ = (change: Record<string, unknown>) => ({ json: { ...GOOD, ...change } });
const CASES: Case[] = [
  ['malformed JSON', 'POST', '/books', { raw: '{"isbn": "97805965' }, 400, '/problems/malformed-json'],
  ['a body that is not JSON', 'POST', '/books', { raw: 'title=x', headers: { 'content-type': 'text/plain' } }, 415, '/problems/unsupported-media-type'],
  ['a gzip-encoded body', 'POST', '/books', { raw: '\u001f\u008b\u0008', headers: { 'content-encoding': 'gzip' } }, 415, '/problems/unsupported-media-type'],
  ['no body', 'POST', '/books', {}, 400, '/problems/missing-body'],
  ['a body over 64 KiB', 'POST', '/books', with_({ title: 'x'.repeat(70_000) }), 413, '/problems/body-too-large'],
  ['a JSON array', 'POST', '/books', { json: [GOOD] }, 422, invalid],
  ['JSON null', 'POST', '/books', { raw: 'null' }, 422, invalid],
  ['an unknown field', 'POST', '/books', with_({ copies: 3 }), 422, invalid],
  ['an id', 'POST', '/books', with_({ id: 'bk-77' }), 422, invalid],
  ['a createdAt', 'POST', '/books', with_({ createdAt: '2020-01-01T00:00:00Z' }), 422, invalid],
  ['an updatedAt', 'PUT', '/books/bk-1', with_({ updatedAt: '2020-01-01T00:00:00Z' }), 422, invalid],
  ['a bad ISBN check digit', 'POST', '/books', with_({ isbn: '9780596517749' }), 422, invalid],
  ['a bad ISBN-10 check digit', 'POST', '/books', with_({ isbn: '0596517743' }), 422, invalid],
  ['an ISBN given as a number', 'POST', '/books', with_({ isbn: 9780596517748 }), 422, invalid],
  ['a negative price', 'POST', '/books', with_({ price: -1 }), 422, invalid],
  ['a price with three decimals', 'POST', '/books', with_({ price: 9.999 }), 422, invalid],
  ['a price as a string', 'POST', '/books', with_({ price: '29.99' }), 422, invalid],
  ['an empty title', 'POST', '/books', with_({ title: '' }), 422, invalid],
  ['a blank title', 'POST', '/books', with_({ title: '   ' }), 422, invalid],
  ['a title that is a number', 'POST', '/books', with_({ title: 42 }), 422, invalid],
  ['no authors', 'POST', '/books', with_({ authors: [] }), 422, invalid],
  ['an empty author', 'POST', '/books', with_({ authors: ['Ann', ''] }), 422, invalid],
  ['authors as a string', 'POST', '/books', with_({ authors: 'Douglas Crockford' }), 422, invalid],
  ['a topic in capitals', 'POST', '/books', with_({ topic: 'Programming' }), 422, invalid],
  ['a topic with spaces', 'POST', '/books', with_({ topic: 'computer science' }), 422, invalid],
  ['a fractional year', 'POST', '/books', with_({ year: 2008.5 }), 422, invalid],
  ['a year far in the future', 'POST', '/books', with_({ year: 3000 }), 422, invalid],
  ['a missing title', 'POST', '/books', { json: { ...GOOD, title: undefined } }, 422, invalid],
  ['PUT without every field', 'PUT', '/books/bk-1', { json: { title: 'Only a title' } }, 422, invalid],
  ['PATCH with nothing to change', 'PATCH', '/books/bk-1', { json: {} }, 422, invalid],
  ['PATCH of the id', 'PATCH', '/books/bk-1', { json: { id: 'bk-9' } }, 422, invalid],
  ['PATCH with a bad ISBN', 'PATCH', '/books/bk-1', { json: { isbn: '978-0-13-235088-5' } }, 422, invalid],
  ['PATCH with a negative price', 'PATCH', '/books/bk-1', { json: { price: -0.01 } }, 422, invalid],
  ['PATCH with an empty title', 'PATCH', '/books/bk-1', { json: { title: '' } }, 422, invalid],
];

describe('catalog input validation', () => {
  let catalog: CatalogFixture;
  let librarian: string;
  before(async () => {
    catalog = await startCatalog();
    librarian = await tokenFor('lib', 'librarian');
  });
  after(() => catalog.close());

  for (const [what, method, path, options, status, type] of CASES) {
    it(`${method} ${path} refuses ${what} with ${status} ${type} and writes nothing`, async () => {
      await catalog.store.flush();
      const before = snapshotFiles(catalog.dataDir);
      const reply = await send(catalog.url, method, path, { ...options, token: librarian });
      assert.equal(reply.status, status, JSON.stringify(reply.body));
      assert.equal(reply.body.type, type);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
      await catalog.store.flush();
      assert.deepEqual(snapshotFiles(catalog.dataDir), before);
    });
  }

  it('names each field that is wrong', async () => {
    const reply = await send(catalog.url, 'POST', '/books', { json: { ...GOOD, isbn: '123', price: -5 }, token: librarian });
    assert.deepEqual(reply.body.errors.map((e: { path: string }) => e.path).sort(), ['isbn', 'price']);
  });

  it('changed nothing through all of the above', async () => {
    const books = (await send(catalog.url, 'GET', '/books')).body;
    assert.equal(books.total, 4);
    assert.equal(books.items.find((b: { id: string }) => b.id === 'bk-1').title, 'Clean Code');
  });
});
