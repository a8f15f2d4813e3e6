// Every route the services serve, read from their real routers (built with stand-in
// services: no handler runs), so the corpus and the authorization matrix can prove
// they cover each one, including a route added after they were written.
import type Router from '@koa/router';
import type { ServiceName } from '../../services/shared/config.js';
import { catalogRouter } from '../../services/catalog/routes.js';
import { usersRouter } from '../../services/users/routes.js';
import { inventoryRoutes } from '../../services/inventory/routes.js';
import { internalRoutes } from '../../services/inventory/internal-routes.js';
import { finesRouter, holdsRouter, loansRouter } from '../../services/loans/routes.js';
import { ordersRouter } from '../../services/orders/routes.js';
import { reservationRoutes, scheduleRoutes } from '../../services/availability/routes.js';

export interface Route {
  service: ServiceName;
  method: string;
  /** As the router declares it, e.g. /books/:id. */
  path: string;
  /** `METHOD /path`, the key the tables use. */
  key: string;
}

const none = {} as never;

const ROUTERS: Record<ServiceName, () => Router[]> = {
  catalog: () => [catalogRouter(none)],
  users: () => [usersRouter(none, none, none)],
  inventory: () => [inventoryRoutes(none), internalRoutes(none, none, none)],
  loans: () => [loansRouter(none), holdsRouter(none, none), finesRouter(none, none)],
  orders: () => [ordersRouter(none)],
  availability: () => [scheduleRoutes(none), reservationRoutes(none)],
};

export function serviceRoutes(): Route[] {
  const routes: Route[] = [];
  for (const [service, routers] of Object.entries(ROUTERS) as [ServiceName, () => Router[]][]) {
    for (const router of routers()) {
      for (const layer of router.stack) {
        for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
          const path = String(layer.path);
          routes.push({ service, method, path, key: `${method} ${path}` });
        }
      }
    }
  }
  return routes;
}

/** Internal routes answer services only, and the gateway never forwards them. */
export const isInternal = (route: Route) => route.path.startsWith('/internal/');

/** Fills `:name` placeholders from `params` (values are put in the path as they are). */
export function fill(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name} in ${path}`);
    return params[name];
  });
}
