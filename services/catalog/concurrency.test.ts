import assert from 'node:assert/strict';
import { send } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { isbn13CheckDigit } from './isbn.js';
import { openCatalogStore } from './store.js';
import { startCatalog, type CatalogFixture } from '../../test/fixtures/catalog.js';

const isbn = (n: number) => {
  const first12 = `979${String(n).padStart(9, '0')}`;
  return first12 + isbn13CheckDigit(first12);
};
const book = (n: number) => ({ isbn: isbn(n), title: `Parallel Book ${n}`, authors: ['Ann Lee'], topic: 'programming', price: 10 });

describe('catalog under parallel writes', () => {
  let catalog: CatalogFixture;
  let librarian: string;
  beforeEach(async () => {
    catalog = await startCatalog();
    librarian = await tokenFor('lib', 'librarian');
  });
  afterEach(() => catalog.close());

  it('POST /books with one ISBN twenty times at once adds exactly one book', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => send(catalog.url, 'POST', '/books', { json: book(1), token: librarian })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [201, ...Array(19).fill(409)]);
    await catalog.store.flush();
    const again = await openCatalogStore(catalog.dir);
    assert.equal([...again.values('books')].filter((b) => b.isbn === isbn(1)).length, 1);
    assert.equal(again.count('books'), 5);
    await again.close();
  });

  it('POST /books forty times at once gives forty distinct ids, all on disk and all found', async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => send(catalog.url, 'POST', '/books', { json: book(100 + i), token: librarian })));
    assert.ok(replies.every((r) => r.status === 201));
    const ids = replies.map((r) => r.body.id).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
    assert.deepEqual(ids, Array.from({ length: 40 }, (_, i) => `bk-${5 + i}`));
    // Acknowledged means durable: a second reader of the files sees every one.
    const again = await openCatalogStore(catalog.dir);
    assert.equal(again.count('books'), 44);
    await again.close();
    assert.equal((await send(catalog.url, 'GET', '/books?q=parallel%20book&limit=100')).body.total, 40);
  });

  it('PATCH of two books to one ISBN at once lets exactly one have it', async () => {
    const replies = await Promise.all(['bk-1', 'bk-2'].map((id) => send(catalog.url, 'PATCH', `/books/${id}`, { json: { isbn: isbn(7) }, token: librarian })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409]);
    assert.equal((await send(catalog.url, 'GET', `/books?q=${isbn(7)}`)).body.total, 1);
  });
});
