// The people and things the authorization matrix acts on: alice owns the objects, bob
// is another member, admin the librarian. Objects a request may change are made fresh
// for each cell, so no cell's outcome depends on another's.
import assert from 'node:assert/strict';
import { freshIsbn } from '../fixtures/cli-books.js';
import type { LiveStack } from '../support/live-stack.js';
import { tokenFor } from '../support/tokens.js';
import { dateIn } from './workload-room.js';

export const PASSWORD = 'authz password';

export class AuthzWorld {
  alice = '';
  bob = '';
  librarian = '';
  private next = 0;
  /** Dates with seats for bk-5, set by the librarian: one reservation per member per date. */
  private readonly dates = Array.from({ length: 16 }, (_, i) => dateIn(3 + i));

  constructor(readonly stack: LiveStack) {}

  async setUp(): Promise<void> {
    this.librarian = this.stack.librarian;
    for (const username of ['alice', 'bob']) {
      const json = { username, password: PASSWORD, name: username, email: `${username}@example.org` };
      assert.equal((await this.stack.api('POST', '/register', { json })).status, 201);
    }
    this.alice = await tokenFor('alice');
    this.bob = await tokenFor('bob');
    await this.ok('PUT', '/inventory/bk-1/stock', { stock: 1000 });
    for (const date of this.dates) await this.ok('PUT', `/schedule/${date}`, [{ bookId: 'bk-5', seats: 100 }]);
  }

  /** A request that must succeed, as `token` (the librarian by default). */
  async ok(method: string, route: string, json?: unknown, token = this.librarian): Promise<any> {
    const reply = await this.stack.api(method, route, { token, json });
    assert.ok(reply.status >= 200 && reply.status < 300, `${method} ${route}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async book(): Promise<string> {
    return (await this.ok('POST', '/books', { isbn: freshIsbn(), title: `Authz ${this.next++}`, authors: ['A'], topic: 'testing', price: 5 })).id;
  }

  /** A copy of a new book: barcode and book. */
  async copy(): Promise<{ bookId: string; barcode: string }> {
    const bookId = await this.book();
    const { barcodes } = await this.ok('POST', `/inventory/${bookId}/copies`, { count: 1 });
    return { bookId, barcode: barcodes[0] };
  }

  /** A new book whose only copy another member has borrowed: it can only be held. */
  async unavailableBook(): Promise<string> {
    const { bookId } = await this.copy();
    await this.ok('POST', '/loans', { bookId }, await this.stack.member(`carol${this.next++}`));
    return bookId;
  }

  async aliceLoan(): Promise<string> {
    const { bookId } = await this.copy();
    return (await this.ok('POST', '/loans', { bookId }, this.alice)).id;
  }

  async aliceHold(): Promise<string> {
    return (await this.ok('POST', '/holds', { bookId: await this.unavailableBook() }, this.alice)).id;
  }

  async aliceOrder(): Promise<string> {
    return (await this.ok('POST', '/orders', { bookId: 'bk-1', quantity: 1 }, this.alice)).id;
  }

  /** A date alice has not reserved on yet. */
  freeDate(): string {
    const date = this.dates.shift();
    assert.ok(date, 'the matrix needs more reading-room dates');
    return date;
  }

  async aliceReservation(): Promise<string> {
    return (await this.ok('POST', '/reservations', { date: this.freeDate(), bookId: 'bk-5' }, this.alice)).id;
  }

  freshUsername(): string {
    return `newcomer${this.next++}`;
  }
}
