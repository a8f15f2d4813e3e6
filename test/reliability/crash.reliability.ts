// kill -9 of each service that writes, at random moments, 20 times, under a stream of
// writes through the gateway; the rest of the stack keeps running. Every other start is
// under a parent that never reaps, so half the restarts find the killed one a zombie. After the last
// restart every data file parses, every acknowledged write is there, and the
// cross-service books balance: copies out == loans open, stock + sold == stock at start.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ServiceName } from '../../services/shared/config.js';
import { assertFilesParse } from '../support/data-files.js';
import { startLiveStack, type LiveStack } from '../support/live-stack.js';
import { isZombie } from '../support/non-reaping-parent.js';
import type { ServiceProcess } from '../support/processes.js';
import { churn, type Workload } from './churn.js';
import { assertEveryServiceFileParses, assertLoansMatchInventory, StockLedger } from './invariants.js';
import { Tally } from './outcome.js';
import { catalogWorkload } from './workload-catalog.js';
import { inventoryWorkload, STOCKTAKING_BOOKS } from './workload-inventory.js';
import { loansWorkload } from './workload-loans.js';
import { ordersWorkload } from './workload-orders.js';
import { roomWorkload } from './workload-room.js';
import { usersWorkload } from './workload-users.js';

const ROUNDS = 20;

/** For each victim, the writes that go through it (and the callers that depend on it). */
const PLANS: Record<ServiceName, (stack: LiveStack, tally: Tally) => Workload[]> = {
  users: (stack, tally) => [usersWorkload(stack, tally)],
  catalog: (stack, tally) => [catalogWorkload(stack, tally), ordersWorkload(stack, tally, 2)],
  inventory: (stack, tally) => [inventoryWorkload(stack, tally, 2), loansWorkload(stack, tally, 2), ordersWorkload(stack, tally, 2)],
  loans: (stack, tally) => [loansWorkload(stack, tally, 4)],
  orders: (stack, tally) => [ordersWorkload(stack, tally, 4)],
  availability: (stack, tally) => [roomWorkload(stack, tally)],
};

describe('kill -9 under load (reliability)', function () {
  this.timeout(180_000);
  let stack: LiveStack | undefined;

  afterEach(async function () {
    await stack?.close(this.currentTest?.state === 'failed');
    stack = undefined;
  });

  for (const victim of Object.keys(PLANS) as ServiceName[]) {
    it(`${victim}: ${ROUNDS} kills (half of them leaving an unreaped zombie) keep every acknowledged write, and the books balance`, async () => {
      // Short retry periods and take timeout: what a crash leaves is repaired within the
      // test's patience (loans leaves a take that inventory crashed under to time out).
      stack = await startLiveStack({ LOANS_RETRY_MS: '200', ORDERS_RETRY_MS: '200', TAKE_TIMEOUT_MS: '5000' });
      const tally = new Tally();
      const workloads = PLANS[victim](stack, tally);
      for (const workload of workloads) await workload.prepare?.();
      const ledger = await StockLedger.capture(stack);

      const victimDir = path.join(stack.dataDir, victim);
      let crashesChecked = 0;
      let zombies = 0;
      const whileDown = (killed: ServiceProcess) => {
        // The contract: a crash never leaves a file that fails to parse, before any repair.
        crashesChecked += Math.sign(assertFilesParse(victimDir));
        // Every other start runs under a parent that never reaps: the next start finds the
        // killed one a zombie, its PID alive to kill(pid, 0), and must start all the same.
        if (killed.unreaped) zombies += Number(isZombie(killed.pid));
      };
      await churn(stack, victim, workloads, tally, { rounds: ROUNDS, maxUpMs: 500, whileDown, unreaped: (round) => round % 2 === 0 });
      assert.equal(crashesChecked, ROUNDS);
      assert.equal(zombies, ROUNDS / 2, 'each kill of a process under the non-reaping parent left a zombie');

      if (tally.unexpected.length > 0) assert.fail(`answers no caller should get (${tally.summary()}):\n${tally.unexpected.join('\n')}`);
      assert.ok(tally.counts.unknown > 0, `the kills never caught a request (${tally.summary()})`);
      for (const workload of workloads) await workload.verify();
      await assertLoansMatchInventory(stack);
      await ledger.assertBalanced(stack, new Set(STOCKTAKING_BOOKS));
      // And once more after a clean stop: what the next start would read.
      for (const name of ['gateway', 'availability', 'orders', 'loans', 'inventory', 'users', 'catalog'] as const) await stack.stop(name);
      assertEveryServiceFileParses(stack.dataDir);
    });
  }
});
