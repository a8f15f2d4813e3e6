import assert from 'node:assert/strict';
import { send, snapshotFiles } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

describe('PATCH /inventory/copies/:barcode', () => {
  let f: InventoryFixture;
  let librarian: string;
  let service: string;
  const patch = (barcode: string, status: string, token = librarian) =>
    send(f.url, 'PATCH', `/inventory/copies/${barcode}`, { json: { status }, token });
  const internal = (route: string, json: unknown) => send(f.url, 'POST', route, { json, token: service });
  const copies = async () => (await send(f.url, 'GET', '/inventory/bk-1', { token: librarian })).body;

  before(async () => {
    librarian = await tokenFor('admin', 'librarian');
    service = await tokenFor('service:loans', 'service');
  });
  beforeEach(async () => {
    f = await startInventory();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('follows the shelf transitions: available → missing → available → withdrawn → available, and missing → withdrawn', async () => {
    for (const status of ['missing', 'available', 'withdrawn', 'available', 'missing', 'withdrawn']) {
      const reply = await patch('BC000001', status);
      assert.equal(reply.status, 200, `to ${status}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.status, status);
      assert.equal(reply.body.barcode, 'BC000001');
    }
  });

  it('leaves withdrawn copies out of the totals and missing ones out of what is available', async () => {
    await patch('BC000001', 'withdrawn');
    await patch('BC000002', 'missing');
    assert.deepEqual((await copies()).copies, { total: 2, available: 1 });
    const take = await internal('/internal/copies/take', { operationId: 'op', bookId: 'bk-1' });
    assert.equal(take.body.barcode, 'BC000003');
  });

  it('refuses to mark a copy on loan or on the hold shelf available or withdrawn: /problems/copy-in-circulation', async () => {
    await internal('/internal/copies/take', { operationId: 'lend', barcode: 'BC000001' });
    await internal('/internal/copies/take', { operationId: 'lend2', barcode: 'BC000002' });
    await internal('/internal/copies/checkin', { operationId: 'ret', barcode: 'BC000002', shelf: 'on-hold-shelf' });
    const before = snapshotFiles(f.dir);
    for (const [barcode, status] of [['BC000001', 'available'], ['BC000001', 'withdrawn'], ['BC000002', 'available'], ['BC000002', 'withdrawn']]) {
      const reply = await patch(barcode, status);
      assert.equal(reply.status, 409, `${barcode} to ${status}`);
      assert.equal(reply.body.type, '/problems/copy-in-circulation');
    }
    assert.deepEqual(snapshotFiles(f.dir), before);
  });

  it('lets a lent copy be marked missing, and keeps it with its loan until it is returned', async () => {
    await internal('/internal/copies/take', { operationId: 'lend', barcode: 'BC000001' });
    await internal('/internal/copies/confirm', { operationId: 'lend' });
    assert.equal((await patch('BC000001', 'missing')).status, 200);
    const found = await patch('BC000001', 'available');
    assert.equal(found.status, 409);
    assert.equal(found.body.type, '/problems/copy-in-circulation');
    const back = await internal('/internal/copies/checkin', { operationId: 'ret', barcode: 'BC000001', shelf: 'available' });
    assert.equal(back.body.status, 'available');
    assert.equal((await patch('BC000001', 'withdrawn')).status, 200);
  });

  it('keeps a copy marked missing while a take was pending missing when the take is released', async () => {
    await internal('/internal/copies/take', { operationId: 'lend', barcode: 'BC000001' });
    await patch('BC000001', 'missing');
    await internal('/internal/copies/release', { operationId: 'lend' });
    assert.equal((await copies()).barcodes[0].status, 'missing');
    assert.equal((await patch('BC000001', 'available')).status, 200);
  });

  it('refuses to mark a withdrawn copy missing with /problems/invalid-transition', async () => {
    await patch('BC000001', 'withdrawn');
    const reply = await patch('BC000001', 'missing');
    assert.equal(reply.status, 409);
    assert.equal(reply.body.type, '/problems/invalid-transition');
  });

  it('answers 404 for an unknown barcode and 403 for members, writing nothing', async () => {
    const before = snapshotFiles(f.dir);
    assert.equal((await patch('BC999999', 'missing')).status, 404);
    assert.equal((await patch('BC000001', 'missing', await tokenFor('alice', 'member'))).status, 403);
    assert.deepEqual(snapshotFiles(f.dir), before);
  });
});
