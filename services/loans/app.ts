import type Koa from 'koa';
import type { Tokens } from '../shared/auth.js';
import type { Clock } from '../shared/clock.js';
import { createServiceApp } from '../shared/create-service-app.js';
import type { LogFn } from '../shared/http/request-log.js';
import type { FineService } from './fines.js';
import type { HoldService } from './holds.js';
import { loansOpenApi } from './openapi.js';
import { finesRouter, holdsRouter, loansRouter } from './routes.js';
import type { LoanService } from './service.js';
import type { LoansStore } from './store.js';

export interface LoansAppDeps {
  store: LoansStore;
  loans: LoanService;
  holds: HoldService;
  fines: FineService;
  clock: Clock;
  tokens: Tokens;
  log: LogFn;
  logRequests: boolean;
}

export function createApp(deps: LoansAppDeps): Koa {
  return createServiceApp({
    service: 'loans',
    tokens: deps.tokens,
    log: deps.log,
    logRequests: deps.logRequests,
    routers: [loansRouter(deps.loans), holdsRouter(deps.holds, deps.clock), finesRouter(deps.fines, deps.clock)],
    health: () => ({ activeLoans: deps.store.count('loans'), openHolds: deps.store.count('holds') }),
    openapi: loansOpenApi,
  });
}
