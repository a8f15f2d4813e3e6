// A librarian's inventory writes: stock set, copies added, copies marked missing and
// found again. Each worker owns its books, so "the last acknowledged value" is defined.
import assert from 'node:assert/strict';
import type { LiveStack } from '../support/live-stack.js';
import type { Workload } from './churn.js';
import { LastWrites, pick } from './ledger.js';
import { attempt, type Tally } from './outcome.js';

/** Books no other workload lends or sells: their stock is set by hand here. */
export const STOCKTAKING_BOOKS = ['bk-60', 'bk-61', 'bk-62', 'bk-63', 'bk-64', 'bk-65'];

export function inventoryWorkload(stack: LiveStack, tally: Tally, workers = 3): Workload {
  const stock = new LastWrites<number>();
  const copyStatus = new LastWrites<string>();
  const added = new Map<string, string>(); // barcode → book
  const steps = Array(workers).fill(0);
  const booksOf = (worker: number) => STOCKTAKING_BOOKS.filter((_, i) => i % workers === worker);
  const auth = { token: stack.librarian };
  return {
    name: 'inventory',
    workers,
    async step(worker) {
      const bookId = pick(booksOf(worker));
      const kind = steps[worker]++ % 3;
      if (kind === 0) {
        const value = Math.floor(Math.random() * 10_000);
        const outcome = await attempt(stack, tally, 'PUT', `/inventory/${bookId}/stock`, { ...auth, json: { stock: value } });
        if (outcome.kind === 'ok') stock.acked(bookId, value);
        else stock.unknown(bookId, value);
      } else if (kind === 1) {
        const outcome = await attempt(stack, tally, 'POST', `/inventory/${bookId}/copies`, { ...auth, json: { count: 1 + (steps[worker] % 3) } });
        if (outcome.kind === 'ok') for (const barcode of outcome.reply.body.barcodes) added.set(barcode, bookId);
      } else {
        const mine = [...added].filter(([, book]) => booksOf(worker).includes(book));
        if (mine.length === 0) return;
        const [barcode] = pick(mine);
        const status = Math.random() < 0.5 ? 'missing' : 'available';
        const outcome = await attempt(stack, tally, 'PATCH', `/inventory/copies/${barcode}`, { ...auth, json: { status } });
        if (outcome.kind === 'ok') copyStatus.acked(barcode, status);
        else copyStatus.unknown(barcode, status);
      }
    },
    async verify() {
      assert.ok(added.size >= 10 && stock.ackedCount > 0, `too few acknowledged writes: ${added.size} copies, ${stock.ackedCount} books restocked`);
      const copies = new Map<string, string>();
      for (const bookId of STOCKTAKING_BOOKS) {
        const reply = await stack.api('GET', `/inventory/${bookId}`, auth);
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        for (const copy of reply.body.barcodes) copies.set(copy.barcode, copy.status);
        const expected = [...stock.expectations()].find(([key]) => key === bookId)?.[1];
        if (expected) assert.ok(expected.includes(reply.body.stock), `${bookId}: stock ${reply.body.stock}, expected one of ${expected}`);
      }
      for (const [barcode, bookId] of added) assert.ok(copies.has(barcode), `acknowledged copy ${barcode} of ${bookId} is gone`);
      for (const [barcode, allowed] of copyStatus.expectations()) {
        assert.ok(allowed.includes(copies.get(barcode)!), `${barcode} is ${copies.get(barcode)}, expected one of ${allowed}`);
      }
    },
  };
}
