// Inventory's own knobs (the common ones are in shared/config.ts), read and checked at
// start-up; the README's Inventory configuration table lists them.
import { readInt, type ServiceSchema } from '../shared/config.js';
import { DEFAULT_TAKE_RETENTION_MS, DEFAULT_TAKE_TIMEOUT_MS } from './open.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InventoryConfig {
  /** TAKE_TIMEOUT_MS: how long a take waits for its confirmation before inventory releases it. */
  takeTimeoutMs: number;
  /** TAKE_RETENTION_MS: how long settled takes and check-ins are kept for late retries. */
  retentionMs: number;
}

export const inventoryConfig: ServiceSchema<InventoryConfig> = (env) => ({
  takeTimeoutMs: readInt(env, 'TAKE_TIMEOUT_MS', DEFAULT_TAKE_TIMEOUT_MS, 50, DAY_MS),
  retentionMs: readInt(env, 'TAKE_RETENTION_MS', DEFAULT_TAKE_RETENTION_MS, 1000, 365 * DAY_MS),
});
