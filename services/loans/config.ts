// Loans' own knobs (the common ones are in shared/config.ts), read and checked at
// start-up: the loan policy (DATA_DIR/loans/policy.json, then the environment) and the
// pauses of its background rounds. The README's Loans configuration table lists them.
import path from 'node:path';
import { readInt, type ServiceSchema } from '../shared/config.js';
import { loadPolicy, type Policy } from './policy.js';
import { POLICY_FILE } from './store.js';

export interface LoansConfig {
  policy: Policy;
  /** LOANS_RETRY_MS: how often failed confirmations, releases and check-ins are retried. */
  retryMs: number;
  /** LOANS_SWEEP_MS: how often expired pickup windows are looked for. */
  sweepMs: number;
}

export const loansConfig: ServiceSchema<LoansConfig> = (env, config) => ({
  policy: loadPolicy(path.join(config.serviceDir, POLICY_FILE), { ...env }),
  retryMs: readInt(env, 'LOANS_RETRY_MS', 2000, 50, 600_000),
  sweepMs: readInt(env, 'LOANS_SWEEP_MS', 1000, 50, 600_000),
});
