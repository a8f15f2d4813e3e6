import type Koa from 'koa';
import type { Tokens } from '../shared/auth.js';
import { createServiceApp } from '../shared/create-service-app.js';
import type { LogFn } from '../shared/http/request-log.js';
import type { Reconciler } from './reconciler.js';
import { ordersOpenApi } from './openapi.js';
import { ordersRouter } from './routes.js';
import type { OrderService } from './service.js';

export interface OrdersAppDeps {
  tokens: Tokens;
  log: LogFn;
  logRequests: boolean;
  orders: OrderService;
  reconciler: Reconciler;
}

export function createApp(deps: OrdersAppDeps): Koa {
  return createServiceApp({
    service: 'orders',
    tokens: deps.tokens,
    log: deps.log,
    logRequests: deps.logRequests,
    routers: [ordersRouter(deps.orders)],
    // Unfinished takes show here, so operators (and tests) can see repair catch up.
    health: () => ({ ...deps.orders.counts(), pending: deps.reconciler.pending }),
    openapi: ordersOpenApi,
  });
}
