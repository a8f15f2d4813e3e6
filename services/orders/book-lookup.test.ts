import assert from 'node:assert/strict';
import { send } from '../../test/support/http.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { startCatalog, type CatalogFixture } from '../../test/fixtures/catalog.js';
import { CatalogClient } from '../contracts/catalog-client.js';
import { ChangeFeed } from '../shared/http/change-feed.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { BookLookup, type BookSource } from './book-lookup.js';

/** The real catalog client, counting what it asks the catalog. */
function countingSource(url: string): BookSource & { reads: number } {
  const client = new CatalogClient(new ServiceClient('catalog', url, 2000, testTokens.serviceToken('orders')));
  const source = {
    reads: 0,
    readBook: (bookId: string, requestId?: string) => {
      source.reads++;
      return client.readBook(bookId, requestId);
    },
  };
  return source;
}

describe("orders' books: kept while the catalog's change feed is live", function () {
  this.timeout(20_000);
  let catalog: CatalogFixture;
  let feed: ChangeFeed;
  let librarian: string;

  beforeEach(async () => {
    feed = new ChangeFeed({ heartbeatMs: 100, ackTimeoutMs: 2000 });
    catalog = await startCatalog({ feed });
    librarian = await tokenFor('lib', 'librarian');
  });
  const started: BookLookup[] = [];
  afterEach(async () => {
    for (const books of started.splice(0)) books.stop();
    await catalog.close();
  });

  /** A BookLookup on the catalog with its feed live, stopped after the test. */
  async function lookup(): Promise<{ books: BookLookup; source: BookSource & { reads: number } }> {
    const source = countingSource(catalog.url);
    const books = new BookLookup(source, { url: catalog.url, token: testTokens.serviceToken('orders'), leaseMs: 500 });
    started.push(books);
    while (!books.feed!.usable()) await sleep(10);
    return { books, source };
  }

  it('asks the catalog once for a book sold again and again', async () => {
    const { books, source } = await lookup();
    for (let i = 0; i < 5; i++) assert.equal((await books.getBook('bk-1'))?.price, 39.99);
    assert.equal(source.reads, 1);
    assert.equal(await books.getBook('bk-999'), null);
    assert.equal(await books.getBook('bk-999'), null);
    assert.equal(source.reads, 3, 'a book the catalog does not have is asked for each time (it may be added)');
  });

  it('has the new price as soon as the catalog has answered the change', async () => {
    const { books, source } = await lookup();
    await books.getBook('bk-1');
    const patch = await send(catalog.url, 'PATCH', '/books/bk-1', { json: { price: 12 }, token: librarian });
    assert.equal(patch.status, 200);
    assert.equal((await books.getBook('bk-1'))?.price, 12);
    assert.equal(source.reads, 2);
  });

  it('keeps a book through stock changes, which say nothing of titles and prices', async () => {
    const { books, source } = await lookup();
    await books.getBook('bk-1');
    await feed.publish(['stock:bk-1']); // as the catalog relays inventory's stock
    assert.equal((await books.getBook('bk-1'))?.price, 39.99);
    assert.equal(source.reads, 1);
    assert.equal(books.heard, 0, 'orders was sent a stock change (it subscribes with ?ignore=stock:)');
    await feed.publish(['stock:bk-1', 'bk-1']); // a book among them
    await books.getBook('bk-1');
    assert.equal(source.reads, 2);
  });

  it('asks the catalog each time once the feed is lost, and keeps books again once it is back', async () => {
    const { books, source } = await lookup();
    await books.getBook('bk-1');
    feed.close(); // every stream ends; the subscriber comes back on its own
    while (books.feed!.usable()) await sleep(5);
    await books.getBook('bk-1');
    assert.equal(source.reads, 2, 'the kept book went with the feed');
    while (!books.feed!.usable()) await sleep(10);
    await books.getBook('bk-1');
    await books.getBook('bk-1');
    assert.equal(source.reads, 3);
  });

  it('drops a book whose change the catalog undid after a failed write, since reads saw it meanwhile', async () => {
    await catalog.close();
    let failing = false;
    feed = new ChangeFeed({ heartbeatMs: 100, ackTimeoutMs: 2000 });
    catalog = await startCatalog({ feed, faults: { write: () => (failing ? { bytes: 0, code: 'ENOSPC' } : undefined) } });
    const { books, source } = await lookup();
    await books.getBook('bk-1');
    failing = true;
    const patch = await send(catalog.url, 'PATCH', '/books/bk-1', { json: { price: 20 }, token: librarian });
    assert.equal(patch.status, 503);
    assert.equal((await books.getBook('bk-1'))?.price, 39.99);
    assert.equal(source.reads, 2, 'the kept book was not dropped: a copy read during the failed flush would have outlived it');
  });
});
