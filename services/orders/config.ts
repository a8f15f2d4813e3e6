// The orders service's own knobs (the common ones are in shared/config.ts), read and
// checked at start-up; the README's Orders configuration table lists them.
import { readInt, type ServiceSchema } from '../shared/config.js';

export interface OrdersConfig {
  /** ORDERS_RETRY_MS: pause between background retries of releases and confirmations. */
  retryMs: number;
}

export const ordersConfig: ServiceSchema<OrdersConfig> = (env) => ({
  retryMs: readInt(env, 'ORDERS_RETRY_MS', 2000, 50, 600_000),
});
