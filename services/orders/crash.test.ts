// Orders, inventory and catalog as real processes: crashes and outages at any moment must
// never lose an acknowledged order, nor a unit of stock.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { send, tempDataDir } from '../../test/support/http.js';
import { killWhen, stackEnv, startProcess, startStack, stopAll, type ServiceProcess } from '../../test/support/processes.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startAccounts, type UsersUnderTest } from '../../test/fixtures/users.js';
import { seed as seedCatalog } from '../catalog/seed.js';
import { seed as seedInventory } from '../inventory/seed.js';
import { tempSeedDir } from '../../test/fixtures/inventory.js';
import { CsvLog } from '../shared/store/csv-log.js';
import { seed } from './seed.js';
import { ORDER_LOG_FILE } from './store.js';
import { settled } from '../../test/fixtures/orders.js';

const INITIAL_STOCK = 5000;
const BOOKS_CSV = ['id,isbn,title,authors,topic,year,price,copies,stock', `bk-1,9780999900017,"Crash Course",A,t,2001,4.25,0,${INITIAL_STOCK}`].join('\n');

/** Folders to remove once the processes using them have stopped. */
const folders: string[] = [];

async function seededStack(): Promise<{ dataDir: string; env: Record<string, string>; processes: ServiceProcess[] }> {
  const dataDir = tempDataDir('orders-crash-');
  const options = { dataDir, seedDir: tempSeedDir(BOOKS_CSV), env: {} };
  folders.push(dataDir, options.seedDir);
  await seedCatalog(options);
  await seedInventory(options);
  await seed(options);
  // Request logs on: the orders log then also shows what each start-up repaired.
  const env = await stackEnv(dataDir, { ORDERS_RETRY_MS: '100', USERS_URL: accounts.url });
  const stack = await startStack(['catalog', 'inventory'], env);
  return { dataDir, env, processes: [...stack.values()] };
}

/** Services check a token's account with users. */
let accounts: UsersUnderTest;

describe('orders as a real process', function () {
  after(() => accounts.close());
  this.timeout(300_000); // ten restarts on a loaded machine
  let processes: ServiceProcess[] = [];
  let librarian: string;
  let alice: string;

  before(async () => {
    accounts = await startAccounts({ lib: 'librarian', alice: 'member', ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`buyer${i}`, 'member' as const])) });
    librarian = await tokenFor('lib', 'librarian');
    alice = await tokenFor('alice');
  });
  afterEach(async function () {
    await stopAll(processes);
    processes = [];
    // A failed test keeps its folders (and the services' logs in them) to look at.
    if (this.currentTest?.state === 'passed') for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const stockOf = async (inventoryUrl: string) => (await send(inventoryUrl, 'GET', '/inventory/bk-1', { token: librarian })).body.stock as number;
  const readLog = (dataDir: string) => CsvLog.parseText(readFileSync(path.join(dataDir, 'orders', ORDER_LOG_FILE), 'utf8'), ORDER_LOG_FILE);

  /** Buys until the process stops answering; records each acknowledged order. Resolves to whether a purchase was cut off. */
  async function buyer(url: string, token: string, acknowledged: Map<string, number>): Promise<boolean> {
    for (let i = 0; ; i++) {
      const quantity = 1 + Math.floor(Math.random() * 3);
      const headers: Record<string, string> = i % 2 === 0 ? { 'idempotency-key': `k-${Math.random()}` } : {};
      let reply;
      try {
        reply = await send(url, 'POST', '/orders', { json: { bookId: 'bk-1', quantity }, token, headers });
      } catch {
        return true; // killed while this purchase was under way
      }
      if (reply.status !== 201) throw new Error(`purchase answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      acknowledged.set(reply.body.id, reply.body.quantity);
    }
  }

  it('survives kill -9 at random moments, 10 times: every acknowledged order logged, stock plus units logged unchanged', async () => {
    const stack = await seededStack();
    processes = stack.processes;
    const inventoryUrl = processes.find((p) => p.name === 'inventory')!.url;
    let orders = await startProcess('orders', stack.env);
    processes.push(orders);
    const tokens = await Promise.all(Array.from({ length: 8 }, (_, i) => tokenFor(`buyer${i}`)));
    const acknowledged = new Map<string, number>();
    let cutOff = 0;
    for (let round = 0; round < 10; round++) {
      const enough = acknowledged.size + 3; // acknowledged in every round, however slow the machine
      const buyers = tokens.map((token) => buyer(orders.url, token, acknowledged));
      cutOff += (await killWhen(orders, buyers, () => acknowledged.size >= enough, `3 orders acknowledged in round ${round}`, 250)).filter(Boolean).length;
      orders = await orders.restart();
      processes[processes.length - 1] = orders;
    }
    await settled(orders.url, 20_000);
    assert.ok(cutOff > 0, 'no kill hit a purchase under way');
    // The crashes left work behind that the restarts finished: the repair path really ran.
    assert.match(readFileSync(path.join(stack.dataDir, 'orders.test.log'), 'utf8'), /repair: \d+ stock take\(s\) to release/);
    const rows = readLog(stack.dataDir);
    const logged = new Map(rows.map((row) => [row.order_id, Number(row.quantity)]));
    assert.equal(logged.size, rows.length, 'an order appears twice in the log');
    for (const [id, quantity] of acknowledged) assert.equal(logged.get(id), quantity, `acknowledged ${id} is not logged as sold`);
    const unitsLogged = rows.reduce((sum, row) => sum + Number(row.quantity), 0);
    assert.equal((await stockOf(inventoryUrl)) + unitsLogged, INITIAL_STOCK);
  });

  it('answers 503 naming inventory while it is down, logs nothing, and gives back what it may have taken', async () => {
    const stack = await seededStack();
    processes = stack.processes;
    const inventory = processes.find((p) => p.name === 'inventory')!;
    const orders = await startProcess('orders', stack.env);
    processes.push(orders);
    assert.equal((await send(orders.url, 'POST', '/purchase/bk-1', { token: alice })).status, 201);
    await inventory.stop();
    const reply = await send(orders.url, 'POST', '/orders', { json: { bookId: 'bk-1', quantity: 2 }, token: alice });
    assert.equal(reply.status, 503);
    assert.equal(reply.body.type, '/problems/service-unavailable');
    assert.equal(reply.body.service, 'inventory');
    assert.equal(readLog(stack.dataDir).length, 1);
    const restarted = await inventory.restart();
    processes[processes.indexOf(inventory)] = restarted;
    await settled(orders.url);
    assert.equal(await stockOf(restarted.url), INITIAL_STOCK - 1);
    assert.equal((await send(orders.url, 'POST', '/orders', { json: { bookId: 'bk-1', quantity: 2 }, token: alice })).status, 201);
    assert.equal(readLog(stack.dataDir).length, 2);
  });
});
