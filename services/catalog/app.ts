import type Koa from 'koa';
import type { Tokens } from '../shared/auth.js';
import { createServiceApp } from '../shared/create-service-app.js';
import { ChangeFeed } from '../shared/http/change-feed.js';
import type { LogFn } from '../shared/http/request-log.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import { BackgroundIndex } from './background-index.js';
import { catalogOpenApi } from './openapi.js';
import { catalogRouter } from './routes.js';
import { CatalogService } from './service.js';
import type { StockMirror } from './stock-mirror.js';
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
  /** Inventory's stock, mirrored from its feed (GET /info/:id); inventory is asked each time when absent. */
  stock?: StockMirror;
  /** The search index, being built from the store's books; begun here when absent. */
  index?: BackgroundIndex;
}

export function createApp(deps: CatalogDeps): Koa {
  const feed = deps.feed ?? new ChangeFeed();
  const index = deps.index ?? new BackgroundIndex(deps.store);
  const catalog = new CatalogService(deps.store, deps.inventory, undefined, (ids) => feed.publish(ids), deps.stock, index);
  return createServiceApp({
    service: 'catalog',
    tokens: deps.tokens,
    log: deps.log,
    logRequests: deps.logRequests,
    middleware: [feed.middleware()],
    routers: [catalogRouter(catalog, () => deps.stock?.live ?? false)],
    health: () => ({ books: catalog.count, searchIndex: catalog.searchIndex }),
    openapi: catalogOpenApi,
  });
}
