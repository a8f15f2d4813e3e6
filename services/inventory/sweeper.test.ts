import assert from 'node:assert/strict';
import { send } from '../../test/support/http.js';
import { movableClock } from '../../test/support/clock.js';
import { tokenFor } from '../../test/support/tokens.js';
import { openInventory } from './open.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

/** Polls `probe` until it returns true, for at most `ms`. */
async function eventually(probe: () => Promise<boolean> | boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`not true within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Sweeper', () => {
  let f: InventoryFixture;
  let service: string;
  let member: string;
  const post = (route: string, json: unknown) => send(f.url, 'POST', route, { json, token: service });
  const book = async (bookId: string) => (await send(f.url, 'GET', `/inventory/${bookId}`, { token: member })).body;

  before(async () => {
    service = await tokenFor('service:loans', 'service');
    member = await tokenFor('alice', 'member');
  });
  afterEach(async () => {
    await f?.dispose();
  });

  describe('expiry', () => {
    beforeEach(async () => {
      f = await startInventory({ takeTimeoutMs: 150, sweepEveryMs: 20 });
    });

    it('releases a copy take nobody confirmed within the timeout', async () => {
      await post('/internal/copies/take', { operationId: 'lost', bookId: 'bk-2' });
      assert.equal((await book('bk-2')).copies.available, 0);
      await eventually(async () => (await book('bk-2')).copies.available === 1);
      const take = f.inventory.store.get('copyTakes', 'lost');
      assert.equal(take?.state, 'released');
      assert.equal(take?.expired, true);
    });

    it('gives back the units of a stock take nobody confirmed within the timeout', async () => {
      await post('/internal/stock/take', { operationId: 'cart', bookId: 'bk-1', quantity: 5 });
      assert.equal((await book('bk-1')).stock, 7);
      await eventually(async () => (await book('bk-1')).stock === 12);
      assert.equal((await post('/internal/stock/release', { operationId: 'cart' })).body.state, 'released');
    });

    it('lets a late confirm stand when the copy is still free, and refuses it with /problems/take-expired when not', async () => {
      await post('/internal/copies/take', { operationId: 'slow', bookId: 'bk-2' });
      await eventually(async () => (await book('bk-2')).copies.available === 1);
      const late = await post('/internal/copies/confirm', { operationId: 'slow' });
      assert.equal(late.status, 200);
      assert.equal(late.body.state, 'confirmed');
      assert.equal((await book('bk-2')).copies.available, 0);

      await post('/internal/copies/take', { operationId: 'slower', bookId: 'bk-1' });
      await eventually(async () => (await book('bk-1')).copies.available === 3);
      await post('/internal/copies/take', { operationId: 'other', barcode: 'BC000001' });
      const refused = await post('/internal/copies/confirm', { operationId: 'slower' });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.type, '/problems/take-expired');
    });

    it('lets a late stock confirm stand only while the units are there', async () => {
      await post('/internal/stock/take', { operationId: 'late', bookId: 'bk-3', quantity: 5 });
      await eventually(async () => (await book('bk-3')).stock === 5);
      await post('/internal/stock/take', { operationId: 'rival', bookId: 'bk-3', quantity: 1 });
      await post('/internal/stock/confirm', { operationId: 'rival' });
      const refused = await post('/internal/stock/confirm', { operationId: 'late' });
      assert.equal(refused.body.type, '/problems/take-expired');
      assert.equal((await book('bk-3')).stock, 4);
    });
  });

  it('releases copy and stock takes once the clock passes their timeout, not a millisecond before', async () => {
    const clock = movableClock();
    // No background round during the test (it could expire the takes between advance() and sweep()): only the sweeps called here run.
    f = await startInventory({ takeTimeoutMs: 60_000, sweepEveryMs: 3_600_000, clock: clock.now });
    await post('/internal/copies/take', { operationId: 'copy', bookId: 'bk-2' });
    await post('/internal/stock/take', { operationId: 'units', bookId: 'bk-1', quantity: 2 });
    clock.advance(59_999);
    assert.deepEqual(await f.inventory.sweeper.sweep(), { expired: 0, pruned: 0 });
    clock.advance(1);
    assert.deepEqual(await f.inventory.sweeper.sweep(), { expired: 2, pruned: 0 });
    assert.equal((await book('bk-2')).copies.available, 1);
    assert.equal((await book('bk-1')).stock, 12);
    assert.equal(f.inventory.store.get('stockTakes', 'units')?.settledAt, new Date(clock.now()).toISOString());
  });

  it('releases after a restart a take the caller never confirmed before the crash', async () => {
    f = await startInventory({ takeTimeoutMs: 300, sweepEveryMs: 20 });
    await post('/internal/copies/take', { operationId: 'orphan', bookId: 'bk-2' });
    await f.close();
    const reopened = await openInventory({ dir: f.dir, catalog: { getBook: async () => null }, log: () => {}, takeTimeoutMs: 300, sweepEveryMs: 20 });
    try {
      assert.equal(reopened.store.get('copies', 'BC000004')?.status, 'on-loan');
      await eventually(() => reopened.store.get('copies', 'BC000004')?.status === 'available');
    } finally {
      await reopened.close();
    }
  });

  it('prunes settled takes and check-ins after the retention period, and keeps pending ones', async () => {
    f = await startInventory({ retentionMs: 100, sweepEveryMs: 20 });
    await post('/internal/stock/take', { operationId: 'done', bookId: 'bk-1', quantity: 1 });
    await post('/internal/stock/confirm', { operationId: 'done' });
    await post('/internal/copies/take', { operationId: 'lend', bookId: 'bk-1' });
    await post('/internal/copies/release', { operationId: 'lend' });
    await post('/internal/copies/checkin', { operationId: 'ret', barcode: 'BC000002', shelf: 'available' });
    await post('/internal/stock/take', { operationId: 'open', bookId: 'bk-1', quantity: 1 });
    const { store } = f.inventory;
    await eventually(() => store.count('stockTakes') === 1 && store.count('copyTakes') === 0 && store.count('checkins') === 0);
    assert.equal(store.get('stockTakes', 'open')?.state, 'taken');
    assert.equal((await book('bk-1')).stock, 10);
  });
});
