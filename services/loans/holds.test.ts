import assert from 'node:assert/strict';
import { send, snapshotFiles, type Reply } from '../../test/support/http.js';
import { movableClock } from '../../test/support/clock.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every 50 ms until it answers true, at most `tries` times (background work, not time passing). */
async function eventually(probe: () => Promise<boolean>, tries = 100): Promise<void> {
  for (let i = 0; !(await probe()); i++) {
    if (i >= tries) throw new Error('condition not met in time');
    await sleep(50);
  }
}

describe('holds', () => {
  let s: LoansStack | undefined;
  const t: Record<string, string> = {};
  const clock = movableClock(); // loans' now; each test's stack starts from wherever it stands
  const borrow = (who: string, json: unknown) => send(s!.url, 'POST', '/loans', { json, token: t[who] });
  const hold = (who: string, bookId: string) => send(s!.url, 'POST', '/holds', { json: { bookId }, token: t[who] });
  const giveBack = (who: string, id: string) => send(s!.url, 'POST', `/loans/${id}/return`, { token: t[who] });
  const holdOf = async (id: string) => (await send(s!.url, 'GET', '/holds', { token: t.librarian })).body.items.find((h: { id: string }) => h.id === id);
  const copyStatus = async (barcode: string) =>
    (await send(s!.inventory.url, 'GET', '/inventory/bk-1', { token: t.librarian })).body.barcodes.find((c: { barcode: string }) => c.barcode === barcode)?.status;

  before(async () => {
    for (const name of ['anna', 'ben', 'cleo', 'dan']) t[name] = await tokenFor(name);
    t.librarian = await tokenFor('admin', 'librarian');
  });
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('keeps a returned copy on the hold shelf for the first in line: others get copy-held, the holder borrows it', async () => {
    s = await startLoansStack({ copies: [1, 1], clock: clock.now });
    const loan = (await borrow('anna', { bookId: 'bk-1' })).body;
    const placed = await hold('ben', 'bk-1');
    assert.equal(placed.status, 201);
    assert.deepEqual({ ...placed.body, id: undefined, createdAt: undefined }, { id: undefined, createdAt: undefined, bookId: 'bk-1', username: 'ben', status: 'waiting', position: 1 });
    assert.equal((await giveBack('anna', loan.id)).status, 200);
    assert.equal(await copyStatus('BC000001'), 'on-hold-shelf');
    const ready = await holdOf(placed.body.id);
    assert.equal(ready.status, 'ready');
    assert.equal(ready.barcode, 'BC000001');
    assert.equal(Date.parse(ready.pickupBy) - clock.now(), 3 * 86_400_000, 'the default pickup window is three days');

    for (const json of [{ bookId: 'bk-1' }, { barcode: 'BC000001' }]) {
      const refused = await borrow('cleo', json);
      assert.equal(refused.status, 409, JSON.stringify(json));
      assert.equal(refused.body.type, '/problems/copy-held');
    }
    const taken = await borrow('ben', { bookId: 'bk-1' });
    assert.equal(taken.status, 201);
    assert.equal(taken.body.barcode, 'BC000001');
    assert.equal((await holdOf(placed.body.id)).status, 'fulfilled');
    assert.equal(await copyStatus('BC000001'), 'on-loan');
  });

  it('passes the copy to the next in line when the pickup window passes, and back to the shelf when nobody waits', async () => {
    const window = 3 * 86_400_000; // the default pickup window
    s = await startLoansStack({ copies: [1], clock: clock.now });
    const loan = (await borrow('anna', { bookId: 'bk-1' })).body;
    const ben = (await hold('ben', 'bk-1')).body;
    const cleo = (await hold('cleo', 'bk-1')).body;
    assert.equal(cleo.position, 2);
    assert.equal((await giveBack('anna', loan.id)).status, 200);
    assert.equal((await holdOf(ben.id)).status, 'ready');
    assert.equal((await borrow('cleo', { bookId: 'bk-1' })).body.type, '/problems/copy-held');

    clock.advance(window + 1);
    await eventually(async () => (await holdOf(cleo.id)).status === 'ready');
    assert.equal((await holdOf(ben.id)).status, 'expired');
    assert.equal((await holdOf(cleo.id)).barcode, 'BC000001');
    assert.equal(await copyStatus('BC000001'), 'on-hold-shelf');
    assert.equal((await borrow('ben', { bookId: 'bk-1' })).body.type, '/problems/copy-held', 'ben missed his turn');

    clock.advance(window + 1);
    await eventually(async () => (await holdOf(cleo.id)).status === 'expired');
    await eventually(async () => (await copyStatus('BC000001')) === 'available');
    assert.equal((await borrow('dan', { bookId: 'bk-1' })).status, 201);
  });

  describe('POST /holds', () => {
    it('refuses a hold while a copy can be borrowed, twice for one member, or on a book one has', async () => {
      s = await startLoansStack({ copies: [1, 2] });
      const free = await hold('anna', 'bk-2');
      assert.equal(free.status, 409);
      assert.equal(free.body.type, '/problems/copy-available');
      assert.equal((await borrow('anna', { bookId: 'bk-1' })).status, 201);
      const own = await hold('anna', 'bk-1');
      assert.equal(own.status, 409);
      assert.equal(own.body.type, '/problems/already-borrowed');
      assert.equal((await hold('ben', 'bk-1')).status, 201);
      const twice = await hold('ben', 'bk-1');
      assert.equal(twice.status, 409);
      assert.equal(twice.body.type, '/problems/hold-exists');
      const unknown = await hold('ben', 'bk-404');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.type, '/problems/unknown-book');
    });

    it('refuses bad bodies with 4xx and writes nothing', async () => {
      s = await startLoansStack({ copies: [1] });
      await s.loans.store.flush();
      const before = snapshotFiles(s.dir);
      for (const json of [{}, { bookId: '' }, { bookId: 'bk-1', extra: 1 }, { bookId: 7 }, { bookId: 'bk-1', username: 'x' }]) {
        const reply: Reply = await send(s!.url, 'POST', '/holds', { json, token: t.anna });
        assert.equal(reply.status, 422, JSON.stringify(json));
      }
      assert.equal((await send(s.url, 'POST', '/holds', { json: { bookId: 'bk-1', username: 'ben' }, token: t.anna })).status, 403);
      assert.deepEqual(snapshotFiles(s.dir), before);
    });
  });

  describe('GET /holds and DELETE /holds/:id', () => {
    it('shows members their own holds, librarians all, and lets a member cancel only their own', async () => {
      s = await startLoansStack({ copies: [1] });
      assert.equal((await borrow('anna', { bookId: 'bk-1' })).status, 201);
      const ben = (await hold('ben', 'bk-1')).body;
      const cleo = (await hold('cleo', 'bk-1')).body;
      const mine = (await send(s.url, 'GET', '/holds', { token: t.ben })).body;
      assert.deepEqual(mine.items.map((h: { id: string }) => h.id), [ben.id]);
      assert.equal((await send(s.url, 'GET', '/holds?bookId=bk-1', { token: t.librarian })).body.total, 2);
      assert.equal((await send(s.url, 'GET', '/holds?username=cleo', { token: t.ben })).status, 403);

      assert.equal((await send(s.url, 'DELETE', `/holds/${cleo.id}`, { token: t.ben })).status, 404);
      const cancelled = await send(s.url, 'DELETE', `/holds/${ben.id}`, { token: t.ben });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
      const again = await send(s.url, 'DELETE', `/holds/${ben.id}`, { token: t.ben });
      assert.equal(again.status, 409);
      assert.equal(again.body.type, '/problems/hold-closed');
      assert.equal((await holdOf(cleo.id)).position, 1, 'cleo moves up');
    });

    it('hands a cancelled ready hold\'s copy to the next in line', async () => {
      s = await startLoansStack({ copies: [1] });
      const loan = (await borrow('anna', { bookId: 'bk-1' })).body;
      const ben = (await hold('ben', 'bk-1')).body;
      const cleo = (await hold('cleo', 'bk-1')).body;
      await giveBack('anna', loan.id);
      assert.equal((await send(s.url, 'DELETE', `/holds/${ben.id}`, { token: t.ben })).status, 200);
      const next = await holdOf(cleo.id);
      assert.equal(next.status, 'ready');
      assert.equal(next.barcode, 'BC000001');
      assert.equal((await borrow('cleo', { barcode: 'BC000001' })).status, 201);
    });
  });
});
