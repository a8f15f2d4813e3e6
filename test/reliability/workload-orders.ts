// Purchases from a few buyers, every other one with an Idempotency-Key. Afterwards each
// acknowledged order is in order_log.csv once, as acknowledged, and a replayed key buys
// nothing more.
import assert from 'node:assert/strict';
import path from 'node:path';
import { readCsvRows } from '../support/data-files.js';
import type { LiveStack } from '../support/live-stack.js';
import type { Workload } from './churn.js';
import { pick } from './ledger.js';
import { attempt, type Tally } from './outcome.js';

/** Books the shop sells from; restocked to far more than any run can buy. */
export const SHOP_BOOKS = ['bk-1', 'bk-2', 'bk-3', 'bk-4'];
const RESTOCK = 1_000_000;

interface Acked {
  bookId: string;
  quantity: number;
  username: string;
  key?: string;
}

export function ordersWorkload(stack: LiveStack, tally: Tally, workers = 3): Workload {
  const acked = new Map<string, Acked>();
  let seq = 0;
  return {
    name: 'orders',
    workers,
    async prepare() {
      for (const bookId of SHOP_BOOKS) {
        const reply = await stack.api('PUT', `/inventory/${bookId}/stock`, { token: stack.librarian, json: { stock: RESTOCK } });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
      }
    },
    async step(worker) {
      const n = seq++;
      const username = `buyer${worker}`;
      const bookId = pick(SHOP_BOOKS);
      const quantity = 1 + (n % 3);
      const key = n % 2 === 0 ? `key-${n}-${Date.now()}` : undefined;
      const headers: Record<string, string> = key ? { 'idempotency-key': key } : {};
      const outcome = await attempt(stack, tally, 'POST', '/orders', { token: await stack.member(username), json: { bookId, quantity }, headers });
      if (outcome.kind === 'ok') acked.set(outcome.reply.body.id, { bookId, quantity, username, key });
    },
    async verify() {
      assert.ok(acked.size >= 20, `only ${acked.size} orders were acknowledged`);
      const logFile = path.join(stack.dataDir, 'orders', 'order_log.csv');
      const rows = readCsvRows(logFile);
      const logged = new Map(rows.map((row) => [row.order_id, row]));
      assert.equal(logged.size, rows.length, 'an order appears twice in order_log.csv');
      for (const [id, order] of acked) {
        const row = logged.get(id);
        assert.ok(row, `acknowledged order ${id} is not in order_log.csv`);
        assert.deepEqual([row.book_id, Number(row.quantity), row.username], [order.bookId, order.quantity, order.username], id);
        const read = await stack.api('GET', `/orders/${id}`, { token: stack.librarian });
        assert.equal(read.status, 200, `GET /orders/${id}: ${JSON.stringify(read.body)}`);
      }
      // A key whose order was acknowledged, sent again after all the crashes: same order, nothing bought.
      const keyed = [...acked].filter(([, order]) => order.key).slice(0, 10);
      for (const [id, order] of keyed) {
        const json = { bookId: order.bookId, quantity: order.quantity };
        const replay = await stack.api('POST', '/orders', { token: await stack.member(order.username), json, headers: { 'idempotency-key': order.key! } });
        assert.equal(replay.status, 201, JSON.stringify(replay.body));
        assert.equal(replay.body.id, id, `key ${order.key} answered another order`);
      }
      assert.equal(readCsvRows(logFile).length, rows.length, 'a replayed key logged a new order');
    },
  };
}
