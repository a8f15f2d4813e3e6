// The shop starts with no orders: setup creates the empty order log (header only) and
// leaves an existing one alone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SeedOptions, SeedResult } from '../shared/seed.js';
import { CsvLog } from '../shared/store/csv-log.js';
import { ORDER_LOG_COLUMNS, ORDER_LOG_FILE } from './store.js';

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const file = path.join(options.dataDir, 'orders', ORDER_LOG_FILE);
  if (existsSync(file)) return [`orders: keeping ${file}`];
  // Opening creates the file with its header, fsynced; an existing one is only checked.
  const log = await CsvLog.open(file, ORDER_LOG_COLUMNS);
  await log.close();
  return [`orders: created ${file} (empty order log)`];
}
