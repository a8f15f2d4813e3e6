// Inventory's HTTP face: the public routes and the internal ones, on the shared frame.
import type Koa from 'koa';
import type { Tokens } from '../shared/auth.js';
import { createServiceApp } from '../shared/create-service-app.js';
import type { LogFn } from '../shared/http/request-log.js';
import { internalRoutes } from './internal-routes.js';
import { inventoryOpenApi } from './openapi.js';
import type { Inventory } from './open.js';
import { inventoryRoutes } from './routes.js';

export interface InventoryDeps {
  inventory: Pick<Inventory, 'service' | 'copies' | 'stock' | 'store' | 'feed'> & Partial<Pick<Inventory, 'indexed'>>;
  tokens: Tokens;
  log: LogFn;
  logRequests: boolean;
}

export function createApp(deps: InventoryDeps): Koa {
  const { service, copies, stock, store, feed, indexed } = deps.inventory;
  // While the index is filled after start-up, requests wait for its slices (not /health,
  // /metrics): finishing it in the first request held the loop 60-120 ms at 100,000 books.
  const waitForIndex: Koa.Middleware = async (ctx, next) => {
    if (indexed && ctx.path !== '/health' && ctx.path !== '/metrics') await indexed();
    await next();
  };
  return createServiceApp({
    service: 'inventory',
    tokens: deps.tokens,
    log: deps.log,
    logRequests: deps.logRequests,
    middleware: [feed.feed.middleware(), waitForIndex],
    routers: [inventoryRoutes(service), internalRoutes(copies, stock, deps.log)],
    health: () => ({ books: store.count('books'), copies: store.count('copies') }),
    openapi: inventoryOpenApi,
  });
}
