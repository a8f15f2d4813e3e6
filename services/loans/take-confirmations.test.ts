import assert from 'node:assert/strict';
import { send } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { onLoanAtInventory, startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';
import type { InventoryClient } from '../contracts/inventory-client.js';

describe('takes confirmed after the answer, many in one call', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let s: LoansStack;
  let real: InventoryClient;
  const calls: string[][] = [];
  let release!: () => void;

  beforeEach(async () => {
    calls.length = 0;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Inventory as loans sees it, with the first confirm-many call held back.
    s = await startLoansStack({
      copies: [1, 1, 1, 1, 1],
      retryMs: 60_000,
      inventory: (client) => {
        real = client;
        return Object.assign(Object.create(client) as InventoryClient, {
          confirmCopies: async (ids: string[], requestId?: string) => {
            calls.push(ids);
            if (calls.length === 1) await held;
            return client.confirmCopies(ids, requestId);
          },
        });
      },
    });
  });
  afterEach(async () => {
    release();
    await s.close();
  });

  const borrowAs = async (member: string, bookId: string) => send(s.url, 'POST', '/loans', { json: { bookId }, token: await tokenFor(member) });
  const confirmedLoans = () => [...s.loans.store.values('loans')].filter((loan) => loan.confirmed).length;

  it('answers borrows while a confirmation is out, and confirms the takes of all of them in the next call', async () => {
    assert.equal((await borrowAs('alice', 'bk-1')).status, 201, 'the first borrow is answered while its confirmation is held');
    const more = await Promise.all([borrowAs('bob', 'bk-2'), borrowAs('carol', 'bk-3'), borrowAs('dave', 'bk-4')]);
    assert.deepEqual(more.map((r) => r.status), [201, 201, 201]);
    assert.equal(calls.length, 1, 'a second call went out while the first was');
    assert.equal(confirmedLoans(), 0);
    release();
    while (confirmedLoans() < 4) await sleep(10);
    assert.deepEqual(calls.map((ids) => ids.length), [1, 3]);
    for (const id of calls.flat()) await assert.rejects(real.releaseCopy(id), /confirmed/);
  });

  it('voids the one loan of a call whose take inventory let go, and confirms the others', async () => {
    assert.equal((await borrowAs('alice', 'bk-1')).status, 201);
    const [bob, carol] = await Promise.all([borrowAs('bob', 'bk-2'), borrowAs('carol', 'bk-3')]);
    assert.equal(bob.status, 201);
    assert.equal(carol.status, 201);
    // Bob's take released behind loans' back (as a take that timed out would be).
    await real.releaseCopy(s.loans.store.get('loans', bob.body.id)!.operationId);
    release();
    while (confirmedLoans() < 2) await sleep(10);
    while (s.loans.store.get('loans', bob.body.id)) await sleep(10);
    assert.deepEqual(calls.map((ids) => ids.length), [1, 2]);
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 5), ['BC000001', 'BC000003']);
    assert.equal((await send(s.url, 'GET', `/loans/${carol.body.id}`, { token: await tokenFor('carol') })).body.status, 'active');
  });

  const returnAs = async (member: string, id: string) => send(s.url, 'POST', `/loans/${id}/return`, { token: await tokenFor(member) });

  it('lets a return of a loan whose confirmation waits for the next call wait for it, then check the copy in', async () => {
    assert.equal((await borrowAs('alice', 'bk-1')).status, 201);
    const bob = await borrowAs('bob', 'bk-2');
    assert.equal(bob.status, 201);
    let done = false;
    const returning = returnAs('bob', bob.body.id).then((reply) => ((done = true), reply));
    await sleep(200);
    assert.equal(done, false, 'the return did not wait for the queued confirmation');
    release();
    const reply = await returning;
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(calls.map((ids) => ids.length), [1, 1]);
    assert.deepEqual(await onLoanAtInventory(s.inventory.url, 5), ['BC000001']);
  });
});
