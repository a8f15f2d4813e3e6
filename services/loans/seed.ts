// setup.sh: DATA_DIR/loans/policy.json from data/seed/loans-policy.json, only where missing.
// Loans, holds and the history start empty; the service creates those files itself.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SeedOptions, SeedResult } from '../shared/seed.js';
import { writeFileDurable } from '../shared/store/durable-file.js';
import { loadPolicy } from './policy.js';
import { POLICY_FILE } from './store.js';

export const SEED_POLICY = 'loans-policy.json';

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const dir = path.join(options.dataDir, 'loans');
  const target = path.join(dir, POLICY_FILE);
  if (existsSync(target)) return [`loans: kept ${target}`];
  const source = path.join(options.seedDir, SEED_POLICY);
  loadPolicy(source, {}); // a broken seed fails setup, not the first start
  mkdirSync(dir, { recursive: true });
  await writeFileDurable(target, readFileSync(source));
  return [`loans: policy from ${source}`];
}
