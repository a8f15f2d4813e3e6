import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { openInventoryStore } from './store.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

describe('inventory internal copy routes', () => {
  let f: InventoryFixture;
  let service: string;
  let member: string;
  let librarian: string;
  const post = (route: string, json: unknown, token: string | null = service) => send(f.url, 'POST', route, { json, token: token ?? undefined });
  const detail = async (bookId: string) => (await send(f.url, 'GET', `/inventory/${bookId}`, { token: member })).body;
  const statusOf = async (barcode: string) => (await detail('bk-1')).barcodes.find((c: { barcode: string }) => c.barcode === barcode)?.status;

  before(async () => {
    service = await tokenFor('service:loans', 'service');
    member = await tokenFor('alice', 'member');
    librarian = await tokenFor('admin', 'librarian');
  });
  beforeEach(async () => {
    f = await startInventory();
  });
  afterEach(async () => {
    await f.dispose();
  });

  describe('POST /internal/copies/take', () => {
    it('takes an available copy of a book, which leaves the shelf', async () => {
      const reply = await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      assert.equal(reply.status, 201);
      assert.deepEqual({ ...reply.body, expiresAt: undefined }, {
        operationId: 'op-1', bookId: 'bk-1', barcode: 'BC000001', previousStatus: 'available', state: 'taken', expiresAt: undefined,
      });
      assert.ok(Math.abs(Date.parse(reply.body.expiresAt) - Date.now() - 120_000) < 5000);
      assert.equal(await statusOf('BC000001'), 'on-loan');
      assert.deepEqual((await detail('bk-1')).copies, { total: 3, available: 2 });
    });

    it('answers a retried take with the same operation id with the same copy, taking nothing more', async () => {
      const first = await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      const again = await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, first.body);
      assert.deepEqual((await detail('bk-1')).copies, { total: 3, available: 2 });
    });

    it('refuses an operation id already used for another book with /problems/operation-id-reused', async () => {
      await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      const reply = await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-2' });
      assert.equal(reply.status, 409);
      assert.equal(reply.body.type, '/problems/operation-id-reused');
      assert.deepEqual((await detail('bk-2')).copies, { total: 1, available: 1 });
    });

    it('refuses with /problems/no-copy-available when every copy is out, or the book has none', async () => {
      assert.equal((await post('/internal/copies/take', { operationId: 'a', bookId: 'bk-2' })).status, 201);
      for (const bookId of ['bk-2', 'bk-3', 'bk-unknown']) {
        const reply = await post('/internal/copies/take', { operationId: `b-${bookId}`, bookId });
        assert.equal(reply.status, 409, bookId);
        assert.equal(reply.body.type, '/problems/no-copy-available');
      }
    });

    it('takes a copy by barcode from the hold shelf, and refuses one on loan or unknown', async () => {
      await post('/internal/copies/take', { operationId: 'lend', barcode: 'BC000002' });
      const onLoan = await post('/internal/copies/take', { operationId: 'again', barcode: 'BC000002' });
      assert.equal(onLoan.status, 409);
      assert.equal(onLoan.body.type, '/problems/copy-unavailable');
      await post('/internal/copies/checkin', { operationId: 'ret', barcode: 'BC000002', shelf: 'on-hold-shelf' });
      const held = await post('/internal/copies/take', { operationId: 'pickup', barcode: 'BC000002' });
      assert.equal(held.status, 201);
      assert.equal(held.body.previousStatus, 'on-hold-shelf');
      assert.equal((await post('/internal/copies/take', { operationId: 'x', barcode: 'BC999999' })).status, 404);
    });

    it('answers members and librarians 403 and anonymous callers 401, writing nothing', async () => {
      const before = snapshotFiles(f.dir);
      for (const [token, status] of [[member, 403], [librarian, 403], [null, 401]] as const) {
        const reply = await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' }, token);
        assert.equal(reply.status, status);
      }
      assert.deepEqual(snapshotFiles(f.dir), before);
    });

    it('gives the one copy of a book to exactly 1 of 50 parallel takes, and the files agree', async () => {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) => post('/internal/copies/take', { operationId: `race-${i}`, bookId: 'bk-2' })),
      );
      const winners = replies.filter((r) => r.status === 201);
      assert.equal(winners.length, 1);
      assert.ok(replies.every((r) => r.status === 201 || r.body.type === '/problems/no-copy-available'));
      assert.deepEqual((await detail('bk-2')).barcodes, [{ barcode: 'BC000004', status: 'on-loan' }]);
      await f.close();
      const store = await openInventoryStore(f.dir); // what a restart would see
      const takes = [...store.values('copyTakes')];
      assert.deepEqual(takes.map((t) => t.operationId), [winners[0].body.operationId]);
      assert.equal(store.get('copies', 'BC000004')?.status, 'on-loan');
      assert.equal(store.get('copies', 'BC000004')?.takeId, winners[0].body.operationId);
      await store.close();
    });
  });

  describe('POST /internal/copies/confirm', () => {
    it('confirms a take, idempotently, and the copy stays on loan', async () => {
      await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      for (let i = 0; i < 2; i++) {
        const reply = await post('/internal/copies/confirm', { operationId: 'op-1' });
        assert.equal(reply.status, 200);
        assert.equal(reply.body.state, 'confirmed');
      }
      assert.equal(await statusOf('BC000001'), 'on-loan');
    });

    it('refuses a take its caller released with /problems/take-released, and an unknown one with 404', async () => {
      await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      await post('/internal/copies/release', { operationId: 'op-1' });
      const reply = await post('/internal/copies/confirm', { operationId: 'op-1' });
      assert.equal(reply.status, 409);
      assert.equal(reply.body.type, '/problems/take-released');
      assert.equal(await statusOf('BC000001'), 'available');
      assert.equal((await post('/internal/copies/confirm', { operationId: 'nobody' })).status, 404);
    });
  });

  describe('POST /internal/copies/confirm-many', () => {
    it('confirms each take as /confirm would, answering the take or the problem of each, in order', async () => {
      for (const id of ['op-1', 'op-2', 'op-3']) assert.equal((await post('/internal/copies/take', { operationId: id, bookId: 'bk-1' })).status, 201);
      await post('/internal/copies/release', { operationId: 'op-3' });
      const reply = await post('/internal/copies/confirm-many', { operationIds: ['op-2', 'nobody', 'op-3', 'op-1'] });
      assert.equal(reply.status, 200);
      assert.deepEqual(
        reply.body.results.map((r: { operationId: string; take?: { state: string; barcode: string }; problem?: { type: string } }) => [r.operationId, r.take?.state ?? r.problem?.type, r.take?.barcode]),
        [
          ['op-2', 'confirmed', 'BC000002'],
          ['nobody', '/problems/not-found', undefined],
          ['op-3', '/problems/take-released', undefined],
          ['op-1', 'confirmed', 'BC000001'],
        ],
      );
      // Confirmed: neither can be given back; the released copy is on the shelf again.
      assert.equal((await post('/internal/copies/release', { operationId: 'op-1' })).body.type, '/problems/take-confirmed');
      assert.deepEqual((await detail('bk-1')).copies, { total: 3, available: 1 });
    });

    it('answers a take that fails unexpectedly with its own 500 problem, confirming the others', async () => {
      for (const id of ['op-1', 'op-2']) await post('/internal/copies/take', { operationId: id, bookId: 'bk-1' });
      const copies = f.inventory.copies;
      const confirm = copies.confirm.bind(copies);
      copies.confirm = async (id: string) => {
        if (id === 'op-1') throw new TypeError('a bug in one take');
        return confirm(id);
      };
      const reply = await post('/internal/copies/confirm-many', { operationIds: ['op-1', 'op-2'] });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.results[0].problem.status, 500);
      assert.equal(reply.body.results[0].problem.type, '/problems/internal-error');
      assert.doesNotMatch(JSON.stringify(reply.body), /a bug in one take/, 'the cause stays in the log');
      assert.equal(reply.body.results[1].take.state, 'confirmed');
    });

    it('refuses no ids, a repeated id and a member, writing nothing', async () => {
      await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      const before = snapshotFiles(f.dataDir);
      for (const operationIds of [[], ['op-1', 'op-1']]) assert.equal((await post('/internal/copies/confirm-many', { operationIds })).status, 422);
      assert.equal((await post('/internal/copies/confirm-many', { operationIds: ['op-1'] }, member)).status, 403);
      assert.deepEqual(snapshotFiles(f.dataDir), before);
    });
  });

  describe('POST /internal/copies/release', () => {
    it('puts the copy back where it was, idempotently', async () => {
      await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      for (let i = 0; i < 2; i++) {
        const reply = await post('/internal/copies/release', { operationId: 'op-1' });
        assert.equal(reply.status, 200);
        assert.equal(reply.body.state, 'released');
      }
      assert.equal(await statusOf('BC000001'), 'available');
      assert.deepEqual((await detail('bk-1')).copies, { total: 3, available: 3 });
    });

    it('returns a copy taken from the hold shelf to the hold shelf', async () => {
      await post('/internal/copies/take', { operationId: 'lend', barcode: 'BC000003' });
      await post('/internal/copies/checkin', { operationId: 'ret', barcode: 'BC000003', shelf: 'on-hold-shelf' });
      await post('/internal/copies/take', { operationId: 'pickup', barcode: 'BC000003' });
      await post('/internal/copies/release', { operationId: 'pickup' });
      assert.equal(await statusOf('BC000003'), 'on-hold-shelf');
    });

    it('refuses to release a confirmed take with /problems/take-confirmed; unknown id 404', async () => {
      await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      await post('/internal/copies/confirm', { operationId: 'op-1' });
      const reply = await post('/internal/copies/release', { operationId: 'op-1' });
      assert.equal(reply.status, 409);
      assert.equal(reply.body.type, '/problems/take-confirmed');
      assert.equal(await statusOf('BC000001'), 'on-loan');
      assert.equal((await post('/internal/copies/release', { operationId: 'nobody' })).status, 404);
    });
  });

  describe('POST /internal/copies/checkin', () => {
    it('puts an on-loan copy back on the shelf', async () => {
      await post('/internal/copies/take', { operationId: 'op-1', bookId: 'bk-1' });
      await post('/internal/copies/confirm', { operationId: 'op-1' });
      const reply = await post('/internal/copies/checkin', { operationId: 'ret-1', barcode: 'BC000001', shelf: 'available' });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.barcode, 'BC000001');
      assert.equal(reply.body.status, 'available');
      assert.equal(await statusOf('BC000001'), 'available');
    });

    it('does nothing more when retried with the same operation id, even after the copy was lent again', async () => {
      await post('/internal/copies/take', { operationId: 'lend-1', barcode: 'BC000001' });
      await post('/internal/copies/checkin', { operationId: 'ret-1', barcode: 'BC000001', shelf: 'available' });
      await post('/internal/copies/take', { operationId: 'lend-2', barcode: 'BC000001' });
      const retry = await post('/internal/copies/checkin', { operationId: 'ret-1', barcode: 'BC000001', shelf: 'available' });
      assert.equal(retry.status, 200);
      assert.equal(await statusOf('BC000001'), 'on-loan');
    });

    it('keeps a withdrawn copy withdrawn, and answers 404 for an unknown barcode', async () => {
      await send(f.url, 'PATCH', '/inventory/copies/BC000001', { json: { status: 'withdrawn' }, token: librarian });
      const reply = await post('/internal/copies/checkin', { operationId: 'ret', barcode: 'BC000001', shelf: 'available' });
      assert.equal(reply.body.status, 'withdrawn');
      assert.equal((await post('/internal/copies/checkin', { operationId: 'r2', barcode: 'BC999999', shelf: 'available' })).status, 404);
    });
  });
});
