import assert from 'node:assert/strict';
import path from 'node:path';
import { generateBooks } from '../../bench/catalog-search.js';
import { tempDataDir } from '../../test/support/http.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import { BackgroundIndex, IndexStopped } from './background-index.js';
import { openCatalog } from './open.js';
import { SearchIndex, type SearchFilter } from './search-index.js';
import { CatalogService } from './service.js';
import { openCatalogStore, type CatalogStore } from './store.js';
import type { Book, BookInput } from '../contracts/catalog.js';

/** Inventory holding nothing: every delete may go ahead. */
const noInventory = { getBook: async () => null, summary: async () => null } as unknown as InventoryClient;

const PAGE = { limit: 20, offset: 5 };
const QUERIES: SearchFilter[] = [{}, { q: 'data' }, { q: 'a' }, { q: 'go' }, { q: 'smith', topic: 'history' }, { author: 'alice' }, { topic: 'fiction' }, { q: 'river' }];

const input = (book: Book): BookInput => ({ isbn: book.isbn, title: book.title, authors: book.authors, topic: book.topic, price: book.price });

/** Several blocks of the title order and several runs of its sort, so the build takes many slices. */
async function storeOf(count: number): Promise<CatalogStore> {
  const store = await openCatalogStore(tempDataDir('catalog-background-'));
  await store.change((tx) => {
    for (const book of generateBooks(count)) tx.put('books', book.id, book);
    for (let i = 0; i < count; i++) tx.nextSeq('book');
  });
  return store;
}

/** What an index built now, from the store as it is, answers. */
function reference(store: CatalogStore, filter: SearchFilter, page = PAGE): string[] {
  return new SearchIndex(store.values('books')).search(filter, page).items.map((book) => book.id);
}

describe('CatalogService while its search index is built (BackgroundIndex)', function () {
  this.timeout(30_000);
  let store: CatalogStore;
  let index: BackgroundIndex;
  let catalog: CatalogService;
  beforeEach(async () => {
    store = await storeOf(3000);
    // One step of the build per slice: it spans many turns of the loop.
    index = new BackgroundIndex(store, { sliceMs: 0 });
    catalog = new CatalogService(store, noInventory, undefined, undefined, undefined, index);
  });
  afterEach(async () => {
    index.stop();
    await store.close();
  });

  it('answers a search sent during the build once the index is whole, as an index built after it does', async () => {
    const early = QUERIES.map((filter) => catalog.search(filter, PAGE));
    const topics = catalog.topics({ limit: 100, offset: 0 });
    assert.equal(index.built, null, 'the searches were sent before the index was whole');
    assert.equal(catalog.searchIndex, 'building');
    assert.equal(catalog.count, 3000);
    const answers = await Promise.all(early);
    assert.equal(catalog.searchIndex, 'ready');
    answers.forEach((answer, i) => {
      const expected = new SearchIndex(store.values('books')).search(QUERIES[i], PAGE);
      assert.equal(answer.total, expected.total, JSON.stringify(QUERIES[i]));
      assert.deepEqual(answer.items, expected.items, JSON.stringify(QUERIES[i]));
    });
    assert.deepEqual((await topics).items, new SearchIndex(store.values('books')).topics());
  });

  it('holds the writes made during the build once it is whole: a new book, a renamed one, a deleted one', async () => {
    const applied: boolean[] = [];
    store.onWrite(() => applied.push(index.built === null));
    const [someBook, renamedBook, deletedBook] = ['bk-10', 'bk-20', 'bk-30'].map((id) => store.get('books', id)!);
    const created = catalog.create({ ...input(someBook), isbn: '9790999999997', title: 'Zygomorphic Quokka Almanac', authors: ['Quentin Zyx'] });
    const renamed = catalog.replace(renamedBook.id, { ...input(renamedBook), title: 'Quokka Quarterly' });
    const searched = catalog.search({ q: 'quokka' }, { limit: 10, offset: 0 });
    await Promise.all([created, renamed, catalog.remove(deletedBook.id)]);
    assert.deepEqual(applied, [true, true, true], 'each write was applied while the index was built');
    assert.deepEqual((await searched).items.map((book) => book.title), ['Quokka Quarterly', 'Zygomorphic Quokka Almanac']);
    assert.equal((await catalog.search({ q: renamedBook.title }, { limit: 100, offset: 0 })).items.some((book) => book.id === renamedBook.id), false);
    assert.equal((await catalog.search({ q: deletedBook.isbn }, { limit: 10, offset: 0 })).total, 0);
    for (const filter of [...QUERIES, { q: 'quokka' }, { author: 'zyx' }]) {
      assert.deepEqual((await catalog.search(filter, PAGE)).items.map((book) => book.id), reference(store, filter), JSON.stringify(filter));
    }
  });

  it('refuses a duplicate ISBN during the build, an existing book\'s or one written meanwhile', async () => {
    const taken = store.get('books', 'bk-7')!;
    const first = catalog.create({ ...input(taken), isbn: '9790999999997' });
    const again = catalog.create({ ...input(taken), isbn: '9790999999997' });
    const existing = catalog.create(input(taken));
    assert.equal(index.built, null);
    await Promise.all([first, assert.rejects(again, { code: 'duplicate-isbn' }), assert.rejects(existing, { code: 'duplicate-isbn' })]);
  });

  it('refuses the searches still waiting when it is stopped (the catalog closing)', async () => {
    const waiting = catalog.search({ q: 'data' }, PAGE);
    index.stop();
    await assert.rejects(waiting, IndexStopped);
  });
});

describe('openCatalog()', () => {
  it('is open, and answers its books, before its search index is whole', async () => {
    const store = await storeOf(3000);
    const dir = path.dirname(store.snapshotFile);
    await store.close();
    const catalog = await openCatalog({ dir, inventory: noInventory });
    try {
      assert.equal(catalog.index.built, null);
      assert.equal(catalog.index.size, 3000);
      assert.equal(catalog.store.get('books', 'bk-3000')?.id, 'bk-3000');
      assert.equal((await catalog.index.ready()).size, 3000);
    } finally {
      await catalog.close();
    }
  });
});
