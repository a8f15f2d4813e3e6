import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { openInventoryStore } from './store.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

describe('inventory internal stock routes', () => {
  let f: InventoryFixture;
  let service: string;
  let member: string;
  const post = (route: string, json: unknown, token = service) => send(f.url, 'POST', route, { json, token });
  const stockOf = async (bookId: string) => (await send(f.url, 'GET', `/inventory/${bookId}`, { token: member })).body.stock;

  before(async () => {
    service = await tokenFor('service:orders', 'service');
    member = await tokenFor('alice', 'member');
  });
  beforeEach(async () => {
    f = await startInventory();
  });
  afterEach(async () => {
    await f.dispose();
  });

  describe('POST /internal/stock/take', () => {
    it('takes units, which leave the stock for sale at once', async () => {
      const reply = await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 3 });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.state, 'taken');
      assert.equal(reply.body.quantity, 3);
      assert.equal(await stockOf('bk-1'), 9);
    });

    it('answers a retry with the same operation id with the same take, taking nothing more', async () => {
      const first = await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 3 });
      const again = await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 3 });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, first.body);
      assert.equal(await stockOf('bk-1'), 9);
      const other = await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 4 });
      assert.equal(other.body.type, '/problems/operation-id-reused');
    });

    it('refuses more than is for sale with /problems/out-of-stock, writing nothing', async () => {
      const before = snapshotFiles(f.dir);
      for (const [bookId, quantity] of [['bk-1', 13], ['bk-2', 1], ['bk-none', 1]] as const) {
        const reply = await post('/internal/stock/take', { operationId: `buy-${bookId}`, bookId, quantity });
        assert.equal(reply.status, 409, bookId);
        assert.equal(reply.body.type, '/problems/out-of-stock');
      }
      assert.deepEqual(snapshotFiles(f.dir), before);
      assert.equal(await stockOf('bk-1'), 12);
    });

    it('sells exactly the 12 units there are to 50 parallel buyers, and stock ends at 0 on disk too', async () => {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) => post('/internal/stock/take', { operationId: `rush-${i}`, bookId: 'bk-1', quantity: 1 })),
      );
      assert.equal(replies.filter((r) => r.status === 201).length, 12);
      assert.equal(replies.filter((r) => r.body.type === '/problems/out-of-stock').length, 38);
      assert.equal(await stockOf('bk-1'), 0);
      await f.close();
      const store = await openInventoryStore(f.dir);
      assert.equal(store.get('books', 'bk-1')?.stock, 0);
      assert.equal(store.count('stockTakes'), 12);
      await store.close();
    });

    it('answers members 403, writing nothing', async () => {
      const before = snapshotFiles(f.dir);
      const reply = await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 1 }, member);
      assert.equal(reply.status, 403);
      assert.deepEqual(snapshotFiles(f.dir), before);
    });
  });

  describe('POST /internal/stock/confirm and /internal/stock/release', () => {
    it('confirms a take idempotently; a confirmed take cannot be released', async () => {
      await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 2 });
      for (let i = 0; i < 2; i++) assert.equal((await post('/internal/stock/confirm', { operationId: 'buy-1' })).body.state, 'confirmed');
      const release = await post('/internal/stock/release', { operationId: 'buy-1' });
      assert.equal(release.status, 409);
      assert.equal(release.body.type, '/problems/take-confirmed');
      assert.equal(await stockOf('bk-1'), 10);
    });

    it('gives released units back once, however often the release is retried', async () => {
      await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 2 });
      for (let i = 0; i < 3; i++) {
        const reply = await post('/internal/stock/release', { operationId: 'buy-1' });
        assert.equal(reply.status, 200);
        assert.equal(reply.body.state, 'released');
      }
      assert.equal(await stockOf('bk-1'), 12);
      const confirm = await post('/internal/stock/confirm', { operationId: 'buy-1' });
      assert.equal(confirm.body.type, '/problems/take-released');
    });

    it('answers 404 for an operation it never saw', async () => {
      assert.equal((await post('/internal/stock/confirm', { operationId: 'nobody' })).status, 404);
      assert.equal((await post('/internal/stock/release', { operationId: 'nobody' })).status, 404);
    });
  });

  describe('POST /internal/stock/confirm-many', () => {
    it('confirms each take as /confirm would, answering the take or the problem of each, in order', async () => {
      for (const id of ['buy-1', 'buy-2', 'buy-3']) assert.equal((await post('/internal/stock/take', { operationId: id, bookId: 'bk-1', quantity: 1 })).status, 201);
      await post('/internal/stock/release', { operationId: 'buy-3' });
      const reply = await post('/internal/stock/confirm-many', { operationIds: ['buy-2', 'nobody', 'buy-3', 'buy-1'] });
      assert.equal(reply.status, 200);
      assert.deepEqual(
        reply.body.results.map((r: { operationId: string; take?: { state: string }; problem?: { type: string } }) => [r.operationId, r.take?.state ?? r.problem?.type]),
        [
          ['buy-2', 'confirmed'],
          ['nobody', '/problems/not-found'],
          ['buy-3', '/problems/take-released'],
          ['buy-1', 'confirmed'],
        ],
      );
      // Confirmed: neither can be given back; the stock is what the two sales left.
      assert.equal((await post('/internal/stock/release', { operationId: 'buy-1' })).body.type, '/problems/take-confirmed');
      assert.equal((await post('/internal/stock/release', { operationId: 'buy-2' })).body.type, '/problems/take-confirmed');
      assert.equal(await stockOf('bk-1'), 10);
    });

    it('refuses no ids, more than 100, a repeated id and a member, writing nothing', async () => {
      await post('/internal/stock/take', { operationId: 'buy-1', bookId: 'bk-1', quantity: 1 });
      const before = snapshotFiles(f.dataDir);
      const many = Array.from({ length: 101 }, (_, i) => `op-${i}`);
      for (const operationIds of [[], many, ['buy-1', 'buy-1']]) {
        const reply = await post('/internal/stock/confirm-many', { operationIds });
        assert.equal(reply.status, 422, JSON.stringify(operationIds).slice(0, 40));
        assert.equal(reply.body.type, '/problems/validation-failed');
      }
      assert.equal((await post('/internal/stock/confirm-many', { operationIds: ['buy-1'] }, member)).status, 403);
      assert.deepEqual(snapshotFiles(f.dataDir), before);
    });
  });
});
