import assert from 'node:assert/strict';
import { ApiProblem } from '../api/errors.js';
import type { Book, Page } from '../api/types.js';
import { newBook } from '../../test/fixtures/cli-books.js';
import { tempConfigHome, testContext } from '../../test/fixtures/cli-io.js';
import { ADMIN_PASSWORD, startLibrary, type LibraryUnderTest } from '../../test/fixtures/cli-services.js';
import { runLogin, runRegister } from './account.js';
import { runBooksAdd, runBooksEdit, runBooksRemove } from './books.js';
import { runCopiesAdd } from './copies.js';
import { runInfo } from './info.js';
import { runSearch } from './search.js';
import { runStockSet } from './stock.js';

describe("the librarian's actions (books, copies, stock)", function () {
  let library: LibraryUnderTest;
  let home: ReturnType<typeof tempConfigHome>;
  const ctx = (json = false) => testContext(library.url, home.dir, { json });

  before(async () => {
    library = await startLibrary();
    home = tempConfigHome();
    await runLogin(ctx(), { username: 'admin', password: ADMIN_PASSWORD });
  });
  after(async () => {
    home.remove();
    await library.close();
  });

  it('books add creates a book that search then finds by its title', async () => {
    const wanted = newBook('Zymurgy for Librarians');
    const added = ctx(true);
    const book = await runBooksAdd(added, wanted);
    assert.deepEqual(JSON.parse(added.io.stdoutText()), book, '--json prints the API answer');
    const found = ctx(true);
    await runSearch(found, { q: 'zymurgy for librarians' });
    const page = JSON.parse(found.io.stdoutText()) as Page<Book>;
    assert.deepEqual(page.items.map((b) => b.id), [book.id]);
  });

  it('books edit changes only the fields given', async () => {
    const book = await runBooksAdd(ctx(), newBook());
    const edited = await runBooksEdit(ctx(), book.id, { price: 7.25 });
    assert.equal(edited.price, 7.25);
    assert.equal(edited.title, book.title);
    assert.equal((await runInfo(ctx(), { id: book.id })).price, 7.25);
  });

  it('copies add and stock set show up in the book details', async () => {
    const book = await runBooksAdd(ctx(), newBook());
    const before = await runInfo(ctx(), { id: book.id });
    const added = await runCopiesAdd(ctx(), { bookId: book.id, count: 2 });
    assert.equal(added.barcodes.length, 2);
    await runStockSet(ctx(), { bookId: book.id, stock: 7 });
    const shown = ctx();
    const after = await runInfo(shown, { id: book.id });
    assert.equal(after.stock, 7);
    assert.equal(after.copies!.total, (before.copies?.total ?? 0) + 2);
    assert.match(shown.io.stdoutText(), /7 in stock/);
  });

  it('books remove takes the book out of the catalog', async () => {
    const book = await runBooksAdd(ctx(), newBook());
    const removed = ctx(true);
    await runBooksRemove(removed, book.id);
    assert.deepEqual(JSON.parse(removed.io.stdoutText()), { id: book.id, removed: true });
    const error = await runInfo(ctx(), { id: book.id }).catch((e: unknown) => e);
    assert.ok(error instanceof ApiProblem && error.status === 404, String(error));
  });

  it('a member is refused with 403 and the catalog is unchanged', async () => {
    const home2 = tempConfigHome();
    try {
      const member = testContext(library.url, home2.dir);
      const username = `member${Date.now() % 100000}`;
      await runRegister(member, { username, password: 'member-password-1', name: 'M', email: `${username}@example.org` });
      await runLogin(member, { username, password: 'member-password-1' });
      const wanted = newBook('Forbidden Fruit of the Catalog');
      const error = await runBooksAdd(member, wanted).catch((e: unknown) => e);
      assert.ok(error instanceof ApiProblem && error.status === 403, String(error));
      const page = await runSearch(ctx(), { q: wanted.isbn });
      assert.equal(page.total, 0);
    } finally {
      home2.remove();
    }
  });
});
