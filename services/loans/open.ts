// Opens loans' files and wires its parts together; main.ts and the tests both start here.
import type { CatalogClient } from '../contracts/catalog-client.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import type { MemberCheck } from '../contracts/users-client.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { LogFn } from '../shared/http/request-log.js';
import { FineService } from './fines.js';
import { HoldIndex } from './hold-index.js';
import { HoldService } from './holds.js';
import { InFlight } from './in-flight.js';
import { LoanIndex } from './loan-index.js';
import type { Policy } from './policy.js';
import { LoanService } from './service.js';
import path from 'node:path';
import { LoanHistory } from './history.js';
import { HISTORY_FILE, openLoansStore, type LoansStore } from './store.js';
import { Upkeep } from './upkeep.js';

export interface LoansOptions {
  /** DATA_DIR/loans */
  dir: string;
  policy: Policy;
  inventory: InventoryClient;
  catalog: CatalogClient;
  /** Whether a librarian's "for member X" names an existing, active member (UsersClient.memberCheck). */
  members: MemberCheck;
  log: LogFn;
  /** How often failed confirmations, releases and check-ins are retried. */
  retryMs?: number;
  /** How often expired pickup windows are looked for. */
  sweepMs?: number;
  /** What "now" is; tests move it instead of sleeping. */
  clock?: Clock;
}

export interface LoansParts {
  store: LoansStore;
  history: LoanHistory;
  loans: LoanService;
  holds: HoldService;
  fines: FineService;
  upkeep: Upkeep;
  policy: Policy;
  clock: Clock;
  close(): Promise<void>;
}

/** Opens the files, repairs what a crash left half done, and starts the background rounds. */
export async function openLoans(options: LoansOptions): Promise<LoansParts> {
  const { dir, policy, inventory, catalog, log, members } = options;
  const clock = options.clock ?? systemClock;
  const store = await openLoansStore(dir);
  const history = await LoanHistory.open(path.join(dir, HISTORY_FILE));
  const index = new LoanIndex(store);
  const inFlight = new InFlight();
  const fines = new FineService(store, policy, index, clock);
  const holds = new HoldService(store, policy, inventory, catalog, log, new HoldIndex(store), index, members);
  const loans = new LoanService({ store, history, policy, inventory, catalog, holds, fines, log, index, clock, inFlight, members });
  const upkeep = new Upkeep({
    store,
    history,
    loans,
    holds,
    inFlight,
    index,
    clock,
    log,
    retryMs: options.retryMs ?? 2000,
    sweepMs: options.sweepMs ?? 1000,
  });
  await upkeep.repair();
  upkeep.start();
  return {
    store,
    history,
    loans,
    holds,
    fines,
    upkeep,
    policy,
    clock,
    close: async () => {
      await upkeep.stop();
      await inFlight.drain(); // confirmations of borrows already answered
      await store.close();
      await history.close();
    },
  };
}
