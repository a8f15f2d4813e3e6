// A return whose check-in gets no answer: inventory runs as a real process and is stopped
// (SIGTERM) before the return, so the outcome is unknown to loans. The return must stay
// pending, never be undone, and be finished with the same operation id once inventory is
// back: by upkeep, by a retried return, or by start-up repair. Nothing is mocked.
import assert from 'node:assert/strict';
import { anyoneIsAMember } from '../../test/support/members.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogClient } from '../contracts/catalog-client.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { tempSeedDir } from '../../test/fixtures/inventory.js';
import { seed as seedInventory } from '../inventory/seed.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { listen, send, tempDataDir, type Running } from '../../test/support/http.js';
import { stackEnv, startProcess, type ServiceProcess } from '../../test/support/processes.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { openLoans, type LoansParts } from './open.js';
import { loadPolicy } from './policy.js';
import { HISTORY_FILE } from './store.js';
import { booksCsv, onLoanAtInventory, startCatalog } from '../../test/fixtures/loans.js';

describe('a return whose check-in gets no answer', function () {
  this.timeout(30_000);
  let catalog: Running;
  let inventory: ServiceProcess;
  let inventoryUrl: string;
  let dir: string;
  let parts: LoansParts;
  let server: Running;
  let alice: string;
  let bob: string;

  // Upkeep's timer is slowed down so that each test decides when a round runs.
  const openLoansApp = async () => {
    parts = await openLoans({
      members: anyoneIsAMember,
      dir,
      policy: loadPolicy(null, {}),
      inventory: new InventoryClient(new ServiceClient('inventory', inventoryUrl, 2000, testTokens.serviceToken('loans'))),
      catalog: new CatalogClient(new ServiceClient('catalog', catalog.url, 2000, testTokens.serviceToken('loans'))),
      log: () => {},
      retryMs: 600_000,
      sweepMs: 600_000,
    });
    server = await listen(createApp({ ...parts, tokens: testTokens, log: () => {}, logRequests: false }));
  };
  const closeLoansApp = async () => {
    await server.close();
    await parts.close();
  };
  const post = (route: string, token = alice, json?: unknown) => send(server.url, 'POST', route, { token, json });
  const historyRows = () => readFileSync(path.join(dir, HISTORY_FILE), 'utf8').trim().split('\n').slice(1);

  /** Borrows bk-1, stops inventory, returns: 503, and the return is pending in the store. */
  const returnWhileInventoryDown = async () => {
    const borrowed = await post('/loans', alice, { bookId: 'bk-1' });
    assert.equal(borrowed.status, 201);
    await inventory.stop();
    const reply = await post(`/loans/${borrowed.body.id}/return`);
    assert.equal(reply.status, 503);
    assert.equal(reply.body.service, 'inventory');
    const pending = parts.store.get('loans', borrowed.body.id)?.returning;
    assert.ok(pending, 'the return was undone although its outcome is unknown');
    return { id: borrowed.body.id as string, barcode: borrowed.body.barcode as string, pending };
  };

  /** The loan is returned once, and the copy is on the shelf and can be lent again. */
  const assertConverged = async (id: string, barcode: string) => {
    assert.equal((await send(server.url, 'GET', `/loans/${id}`, { token: alice })).body.status, 'returned');
    assert.deepEqual(await onLoanAtInventory(inventory.url, 2), []);
    assert.equal(historyRows().filter((row) => row.startsWith(`${id},`)).length, 1);
    const again = await post('/loans', bob, { bookId: 'bk-1' });
    assert.equal(again.status, 201);
    assert.equal(again.body.barcode, barcode);
    assert.deepEqual(await onLoanAtInventory(inventory.url, 2), [barcode]);
  };

  before(async () => {
    alice = await tokenFor('alice');
    bob = await tokenFor('bob');
  });
  beforeEach(async () => {
    const dataDir = tempDataDir('loans-pending-');
    const seedDir = tempSeedDir(booksCsv([1, 1]));
    catalog = await startCatalog(dataDir, seedDir);
    await seedInventory({ dataDir, seedDir, env: {} });
    const env = await stackEnv(dataDir, { LOG_REQUESTS: '0', CATALOG_URL: catalog.url });
    inventory = await startProcess('inventory', env);
    inventoryUrl = inventory.url;
    dir = path.join(dataDir, 'loans');
    await openLoansApp();
  });
  afterEach(async () => {
    await closeLoansApp();
    await inventory.stop();
    await catalog.close();
  });

  it('keeps the return pending, refuses renewals, and upkeep finishes it once inventory is back', async () => {
    const { id, barcode, pending } = await returnWhileInventoryDown();
    const renew = await post(`/loans/${id}/renew`);
    assert.equal(renew.status, 409);
    assert.equal(renew.body.type, '/problems/return-in-progress');
    // A retry while inventory is still down keeps the same pending operation.
    assert.equal((await post(`/loans/${id}/return`)).status, 503);
    assert.deepEqual(parts.store.get('loans', id)?.returning, pending);
    await parts.upkeep.retry();
    assert.deepEqual(parts.store.get('loans', id)?.returning, pending, 'upkeep gave up a return inventory never refused');

    inventory = await inventory.restart();
    await parts.upkeep.retry();
    assert.equal(parts.loans.get({ username: 'alice', role: 'member' }, id).returnedAt, pending.at);
    await assertConverged(id, barcode);
  });

  it('lets a retry that meets upkeep on the same return wait for it, never answering return-in-progress', async () => {
    const { id, barcode, pending } = await returnWhileInventoryDown();
    inventory = await inventory.restart();
    // Upkeep's round and the member's retry start together: the retry waits for upkeep's
    // attempt, then finds the loan returned.
    const [retried] = await Promise.all([post(`/loans/${id}/return`), parts.upkeep.retry()]);
    assert.ok(retried.status === 200 || retried.body.type === '/problems/loan-returned', JSON.stringify(retried.body));
    assert.equal(parts.loans.get({ username: 'alice', role: 'member' }, id).returnedAt, pending.at);
    assert.equal(historyRows().filter((row) => row.startsWith(`${id},`)).length, 1, 'returned once');
    await assertConverged(id, barcode);
  });

  it('finishes a return whose check-in reached inventory but whose answer was lost, when the member retries', async () => {
    const { id, barcode, pending } = await returnWhileInventoryDown();
    inventory = await inventory.restart();
    // The lost answer: inventory did the check-in under the pending operation id.
    const service = await testTokens.serviceToken('loans')();
    const checkin = await send(inventory.url, 'POST', '/internal/copies/checkin', {
      token: service,
      json: { operationId: pending.operationId, barcode, shelf: pending.shelf },
    });
    assert.equal(checkin.status, 200);
    assert.deepEqual(await onLoanAtInventory(inventory.url, 2), []);
    // The copy is on the shelf; the loan must not be lendable twice nor be undone.
    const retried = await post(`/loans/${id}/return`);
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.status, 'returned');
    assert.equal(retried.body.returnedAt, pending.at);
    const third = await post(`/loans/${id}/return`);
    assert.equal(third.body.type, '/problems/loan-returned');
    await assertConverged(id, barcode);
  });

  it('is finished by start-up repair after a restart of loans', async () => {
    const { id, barcode } = await returnWhileInventoryDown();
    await closeLoansApp();
    inventory = await inventory.restart();
    await openLoansApp();
    await assertConverged(id, barcode);
  });
});
