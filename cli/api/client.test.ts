import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { newBook } from '../../test/fixtures/cli-books.js';
import { startLibrary, type LibraryUnderTest } from '../../test/fixtures/cli-services.js';
import { createBook, getBook, searchBooks } from './books.js';
import { ApiClient } from './client.js';
import { ApiProblem, Unreachable } from './errors.js';
import { getHealth } from './health.js';
import { describeError, exitCodeFor } from '../errors.js';

describe('ApiClient against the real gateway', function () {
  let library: LibraryUnderTest;
  before(async () => {
    library = await startLibrary();
  });
  after(() => library.close());

  it('searches the catalog through /api without a token', async () => {
    const page = await searchBooks(new ApiClient({ baseUrl: library.url }), { q: 'clean code' });
    assert.ok(page.total >= 1);
    assert.ok(page.items.some((b) => b.title.startsWith('Clean Code')), JSON.stringify(page.items.map((b) => b.title)));
  });

  it('sends no token on public reads, so an expired session cannot break a search', async () => {
    const api = new ApiClient({ baseUrl: library.url, token: () => 'not-a-valid-token' });
    const page = await searchBooks(api, { q: 'clean' });
    assert.ok(page.items.length > 0);
  });

  it('turns a problem+json answer into an ApiProblem with its type, title and status', async () => {
    const error = await getBook(new ApiClient({ baseUrl: library.url }), 'bk-999999').catch((e: unknown) => e);
    assert.ok(error instanceof ApiProblem, String(error));
    assert.equal(error.status, 404);
    assert.match(error.type, /^\/problems\//);
    assert.ok(error.title.length > 0);
  });

  it('refuses a write without a token as 401, and accepts it with a librarian token', async () => {
    const book = newBook('Design Patterns, Again');
    const refused = await createBook(new ApiClient({ baseUrl: library.url }), book).catch((e: unknown) => e);
    assert.ok(refused instanceof ApiProblem && refused.status === 401, String(refused));
    const token = await tokenFor('admin', 'librarian');
    const created = await createBook(new ApiClient({ baseUrl: library.url, token: () => token }), book);
    assert.match(created.id, /^bk-\d+$/);
    assert.equal(created.isbn, book.isbn);
  });

  it('reports a service down behind the gateway as unavailable, which the client exits 3 for', async () => {
    const error = await new ApiClient({ baseUrl: library.url, token: () => undefined }).get('/loans').catch((e: unknown) => e);
    assert.ok(error instanceof ApiProblem, String(error));
    assert.equal(error.status, 503);
    assert.equal(error.unavailable, true);
    assert.equal(exitCodeFor(error), 3);
    assert.match(describeError(error), /loans/);
  });

  it('reads /health even when it is a 503, and lists the services that are down', async () => {
    const health = await getHealth(new ApiClient({ baseUrl: library.url }));
    const down = health.services.filter((s) => s.status === 'down').map((s) => s.name).sort();
    assert.deepEqual(down, ['availability', 'loans', 'orders']);
    assert.equal(health.services.find((s) => s.name === 'catalog')?.status, 'up');
  });
});

describe('ApiClient failures', function () {
  it('names the URL in an Unreachable error when nothing listens there', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await searchBooks(new ApiClient({ baseUrl: url })).catch((e: unknown) => e);
    assert.ok(error instanceof Unreachable, String(error));
    assert.equal(error.url, url);
    assert.match(error.message, /ECONNREFUSED/);
  });

  it('gives up after its timeout with an Unreachable error', async () => {
    const server = await rawServer(() => {}); // never answers
    // Without the timeout the search never ends and mocha's own timeout fails the test.
    const error = await searchBooks(new ApiClient({ baseUrl: server.url, timeoutMs: 300 })).catch((e: unknown) => e);
    assert.ok(error instanceof Unreachable, String(error));
    assert.match(error.reason, /timed out/);
    await server.close();
  });

  it('calls an answer that is not JSON unreachable, not a refusal', async () => {
    const server = await rawServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    const error = await searchBooks(new ApiClient({ baseUrl: server.url })).catch((e: unknown) => e);
    assert.ok(error instanceof Unreachable, String(error));
    assert.match(error.reason, /no JSON/);
    await server.close();
  });

  it('retries a read once when the connection is reset, and never retries a write', async () => {
    let requests = 0;
    const server = await rawServer((req) => {
      requests++;
      req.socket.destroy();
    });
    const api = new ApiClient({ baseUrl: server.url });
    await assert.rejects(api.get('/books'), Unreachable);
    assert.equal(requests, 2, 'a GET is tried twice');
    requests = 0;
    await assert.rejects(api.post('/books', { title: 'x' }), Unreachable);
    assert.equal(requests, 1, 'a POST is sent once');
    await server.close();
  });
});

async function rawServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
