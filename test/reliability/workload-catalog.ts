// A librarian adding books and changing their prices. Afterwards each acknowledged book
// is there with its ISBN, priced as last acknowledged (or as sent after, answer lost).
import assert from 'node:assert/strict';
import { freshIsbn } from '../fixtures/cli-books.js';
import type { LiveStack } from '../support/live-stack.js';
import type { Workload } from './churn.js';
import { LastWrites, pick } from './ledger.js';
import { attempt, type Tally } from './outcome.js';

export function catalogWorkload(stack: LiveStack, tally: Tally, workers = 3): Workload {
  const created = new Map<string, string>(); // id → isbn
  const mine = Array.from({ length: workers }, () => [] as string[]);
  const prices = new LastWrites<number>();
  let seq = 0;
  const auth = { token: stack.librarian };
  return {
    name: 'catalog',
    workers,
    async step(worker) {
      const n = seq++;
      if (mine[worker].length < 2 || n % 2 === 0) {
        const json = { isbn: freshIsbn(), title: `Churn ${n}`, authors: ['Crash Tester'], topic: 'testing', year: 2020, price: 10 };
        const outcome = await attempt(stack, tally, 'POST', '/books', { ...auth, json });
        if (outcome.kind !== 'ok') return;
        const { id, isbn } = outcome.reply.body;
        if (isbn !== json.isbn) tally.unexpected.push(`POST /books answered ISBN ${isbn} for ${json.isbn}`);
        created.set(id, isbn);
        mine[worker].push(id);
        prices.acked(id, json.price);
        return;
      }
      const id = pick(mine[worker]);
      const price = (100 + (n % 5000)) / 100; // whole cents, as the catalog keeps them
      const outcome = await attempt(stack, tally, 'PATCH', `/books/${id}`, { ...auth, json: { price } });
      if (outcome.kind === 'ok') prices.acked(id, price);
      else prices.unknown(id, price);
    },
    async verify() {
      assert.ok(created.size >= 20, `only ${created.size} books were acknowledged`);
      const found = new Map<string, { isbn: string; price: number }>();
      for (const id of created.keys()) {
        const reply = await stack.api('GET', `/books/${id}`);
        assert.equal(reply.status, 200, `acknowledged book ${id}: ${JSON.stringify(reply.body)}`);
        found.set(id, reply.body);
      }
      for (const [id, isbn] of created) assert.equal(found.get(id)!.isbn, isbn, id);
      for (const [id, allowed] of prices.expectations()) {
        const price = found.get(id)!.price;
        assert.ok(allowed.includes(price), `${id} costs ${price}, expected one of ${allowed}`);
      }
    },
  };
}
