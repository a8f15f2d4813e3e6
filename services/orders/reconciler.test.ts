import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listen, send, tempDataDir } from '../../test/support/http.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { CatalogClient } from '../contracts/catalog-client.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { createApp } from './app.js';
import { openOrders } from './open.js';
import { seed } from './seed.js';
import type { InventoryPort } from './service.js';
import { ORDER_LOG_COLUMNS, ORDER_LOG_FILE, openOrderFiles, type OrderRecord } from './store.js';
import { settled, startShop, type Shop } from '../../test/fixtures/orders.js';

const order = (id: string, quantity: number): OrderRecord => ({
  id,
  bookId: 'bk-1',
  title: 'Ten Units',
  quantity,
  unitPrice: 12.5,
  total: 12.5 * quantity,
  username: 'alice',
  createdAt: '2026-01-02T03:04:05.000Z',
  stock: 'taken',
});

describe('Reconciler', () => {
  // Each test gets a shop whose orders it starts itself (after preparing its files, or with its own inventory).
  let shop: Shop;

  beforeEach(async () => {
    shop = await startShop({ ordersStopped: true });
  });
  afterEach(async () => {
    await shop.close();
  });

  describe('repair() at start-up', () => {
    it('releases the stock of an intent that has no order, and logs and confirms an order a crash left unlogged', async () => {
      // The state a crash leaves: both takes done; ord-1 recorded but its row lost; ord-2 only an intent.
      const inventory = new InventoryClient(new ServiceClient('inventory', shop.inventoryUrl, 2000, testTokens.serviceToken('orders')));
      await inventory.takeStock('ord-1', 'bk-1', 2);
      await inventory.takeStock('ord-2', 'bk-1', 3);
      assert.equal(await shop.stockOf('bk-1'), 5);
      const files = await openOrderFiles(shop.dir);
      await files.store.change((tx) => {
        tx.nextSeq('order');
        tx.nextSeq('order');
        tx.put('orders', 'ord-1', order('ord-1', 2));
        const { stock: _, ...intent } = order('ord-2', 3);
        tx.put('intents', 'ord-2', intent);
      });
      await files.close();

      await shop.startOrders();
      await settled(shop.url);
      assert.deepEqual(shop.logRows().map((row) => [row.order_id, row.quantity]), [['ord-1', '2']]);
      assert.equal(await shop.stockOf('bk-1'), 8);
      // ord-1's take is confirmed now: inventory refuses to give it back.
      await assert.rejects(inventory.releaseStock('ord-1'), /take-confirmed|confirmed/);
      const next = await send(shop.url, 'POST', '/orders', { json: { bookId: 'bk-1', quantity: 1 }, token: await tokenFor('alice') });
      assert.equal(next.body.id, 'ord-3');
      await settled(shop.url); // its take is confirmed just after the answer
      await shop.booted.flush();
      assert.equal(shop.booted.reconciler.pending.releases + shop.booted.reconciler.pending.confirms, 0);
    });

    it('does not log an order twice when its row is already there', async () => {
      const files = await openOrderFiles(shop.dir);
      await files.store.change((tx) => tx.put('orders', 'ord-1', order('ord-1', 1)));
      await files.orderLog.append([{ order_id: 'ord-1', timestamp: '2026-01-02T03:04:05.000Z', username: 'alice', book_id: 'bk-1', title: 'Ten Units', quantity: 1, unit_price: 12.5, total: 12.5 }]);
      await files.close();
      await shop.startOrders();
      assert.equal(shop.logRows().length, 1);
    });

    it('refuses to start on an order log that does not parse, naming it and leaving it as it is', async () => {
      const file = path.join(shop.dir, ORDER_LOG_FILE);
      // A bad quote in a whole row (a torn last row, unclosed, is cut off instead: shared/store/csv-log.ts)
      const broken = `${ORDER_LOG_COLUMNS.join(',')}\nord-1,"bad"quote,alice,bk-1,T,1,1,1\nord-2,2026-01-01T00:00:00.000Z,alice,bk-1,T,1,1,1\n`;
      writeFileSync(file, broken);
      await assert.rejects(shop.startOrders(), (error: Error) => error.message.includes(file));
      assert.equal(readFileSync(file, 'utf8'), broken);
    });
  });

  describe('takes confirmed after the answer, many in one call', () => {
    it('answers purchases while a confirmation is out, and confirms the takes of all of them in the next call', async () => {
      const token = testTokens.serviceToken('orders');
      const real = new InventoryClient(new ServiceClient('inventory', shop.inventoryUrl, 2000, token));
      const calls: string[][] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Inventory as orders sees it, with the first confirm-many call held back.
      const inventory: InventoryPort = {
        takeStock: (...args) => real.takeStock(...args),
        releaseStock: (...args) => real.releaseStock(...args),
        confirmStocks: async (ids, requestId) => {
          calls.push(ids);
          if (calls.length === 1) await held;
          return real.confirmStocks(ids, requestId);
        },
      };
      const booted = await openOrders({ dir: shop.dir, catalog: new CatalogClient(new ServiceClient('catalog', shop.catalogUrl, 2000, token)), inventory, log: () => {}, retryMs: 60_000 });
      const server = await listen(createApp({ tokens: testTokens, log: () => {}, logRequests: false, orders: booted.orders, reconciler: booted.reconciler }));
      try {
        const alice = await tokenFor('alice');
        const buy = () => send(server.url, 'POST', '/orders', { json: { bookId: 'bk-1', quantity: 1 }, token: alice });
        assert.equal((await buy()).status, 201, 'the first purchase is answered while its confirmation is held');
        const more = await Promise.all([buy(), buy(), buy()]);
        assert.deepEqual(more.map((r) => r.status), [201, 201, 201]);
        assert.equal(booted.reconciler.pending.confirms, 4);
        assert.equal(calls.length, 1, 'a second call went out while the first was');
        release();
        await settled(server.url);
        assert.deepEqual(calls.map((ids) => ids.length), [1, 3]);
        for (const id of calls.flat()) await assert.rejects(real.releaseStock(id), /confirmed/);
        assert.equal(await shop.stockOf('bk-1'), 6);
      } finally {
        await server.close();
        await booted.close();
      }
    });
  });
});

describe('orders seed()', () => {
  it('creates an empty order log with its header, and keeps one that exists', async () => {
    const dataDir = tempDataDir();
    const options = { dataDir, seedDir: dataDir, env: {} };
    assert.match((await seed(options))[0], /created/);
    const file = path.join(dataDir, 'orders', ORDER_LOG_FILE);
    assert.equal(readFileSync(file, 'utf8'), ORDER_LOG_COLUMNS.join(',') + '\n');
    writeFileSync(file, readFileSync(file, 'utf8') + 'ord-1,2026-01-01T00:00:00.000Z,alice,bk-1,T,1,1,1\n');
    assert.match((await seed(options))[0], /keeping/);
    assert.match(readFileSync(file, 'utf8'), /ord-1/);
  });
});
