import type Koa from 'koa';
import type { Tokens } from '../shared/auth.js';
import { createServiceApp } from '../shared/create-service-app.js';
import { ChangeFeed } from '../shared/http/change-feed.js';
import type { LogFn } from '../shared/http/request-log.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import { catalogOpenApi } from './openapi.js';
import { catalogRouter } from './routes.js';
import { CatalogService } from './service.js';
import type { CatalogStore } from './store.js';

export interface CatalogDeps {
  store: CatalogStore;
  /** Asked for stock (GET /info/:id) and for what it still holds before a delete. */
  inventory: InventoryClient;
  tokens: Tokens;
  log: LogFn;
  logRequests: boolean;
  /** Where book changes are announced (GET /internal/changes); a fresh feed when absent. */
  feed?: ChangeFeed;
}

export function createApp(deps: CatalogDeps): Koa {
  const feed = deps.feed ?? new ChangeFeed();
  const catalog = new CatalogService(deps.store, deps.inventory, undefined, (ids) => feed.publish(ids));
  return createServiceApp({
    service: 'catalog',
    tokens: deps.tokens,
    log: deps.log,
    logRequests: deps.logRequests,
    middleware: [feed.middleware()],
    routers: [catalogRouter(catalog)],
    health: () => ({ books: catalog.count }),
    openapi: catalogOpenApi,
  });
}
