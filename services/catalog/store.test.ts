import assert from 'node:assert/strict';
import { tempDataDir } from '../../test/support/http.js';
import { SearchIndex } from './search-index.js';
import { openCatalogStore } from './store.js';
import type { Book } from '../contracts/catalog.js';

const AT = '2026-01-01T00:00:00.000Z';
const book = (n: number, title: string, authors: string[]): Book => ({ id: `bk-${n}`, isbn: `97800000000${n}`, title, authors, topic: 'fiction', price: 10, createdAt: AT, updatedAt: AT });

describe('openCatalogStore() reading books back', () => {
  async function reopened(books: Book[]): Promise<Map<string, Book>> {
    const dir = tempDataDir('catalog-store-');
    const first = await openCatalogStore(dir);
    await first.change((tx) => books.forEach((b) => tx.put('books', b.id, b)));
    await first.close();
    const again = await openCatalogStore(dir);
    const read = new Map([...again.values('books')].map((b) => [b.id, b]));
    await again.close();
    return read;
  }

  it('points books with equal lists of authors at one array, and keeps unequal lists apart', async () => {
    const read = await reopened([
      book(1, 'Emma', ['Jane Austen']),
      book(2, 'Persuasion', ['Jane Austen']),
      book(3, 'Good Omens', ['Terry Pratchett', 'Neil Gaiman']),
      book(4, 'Good Omens', ['Terry Pratchett', 'Neil Gaiman']),
      book(5, 'Odd', ['Terry Pratchett,Neil Gaiman']),
      book(6, 'Odd', ['Neil Gaiman', 'Terry Pratchett']),
    ]);
    assert.equal(read.get('bk-1')!.authors, read.get('bk-2')!.authors);
    assert.equal(read.get('bk-3')!.authors, read.get('bk-4')!.authors);
    assert.deepEqual(read.get('bk-5')!.authors, ['Terry Pratchett,Neil Gaiman']);
    assert.deepEqual(read.get('bk-6')!.authors, ['Neil Gaiman', 'Terry Pratchett']);
    assert.deepEqual(read.get('bk-3')!.authors, ['Terry Pratchett', 'Neil Gaiman']);
  });

  it('leaves a shared list as it was when one of its books is rewritten (and indexed) with other authors', async () => {
    const dir = tempDataDir('catalog-store-');
    const first = await openCatalogStore(dir);
    await first.change((tx) => [book(1, 'Emma', ['Jane Austen']), book(2, 'Persuasion', ['Jane Austen'])].forEach((b) => tx.put('books', b.id, b)));
    await first.close();
    const store = await openCatalogStore(dir);
    const index = new SearchIndex(store.values('books'));
    index.upsert({ ...store.get('books', 'bk-1')!, authors: ['Fanny Burney'] });
    assert.deepEqual(index.search({ q: 'austen' }, { limit: 10, offset: 0 }).items.map((b) => b.id), ['bk-2']);
    assert.deepEqual(index.search({ q: 'burney' }, { limit: 10, offset: 0 }).items.map((b) => b.id), ['bk-1']);
    assert.deepEqual(store.get('books', 'bk-2')!.authors, ['Jane Austen']);
    await store.close();
  });
});
