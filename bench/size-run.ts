// One catalog size, start to finish: generate the seed, run setup on a temporary
// DATA_DIR, start the stack, prepare members and a reading-room date, time the client,
// put each scenario's load on it, check stock against the order log, read memory, stop.
import { parse } from 'csv-parse/sync';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../ops/stack.js';
import type { ProcessName } from '../services/shared/config.js';
import { call, dateAhead, login, registerMembers, stockOf, type Member } from './api.js';
import { booksCsv } from './books-csv.js';
import { catalogScenarios } from './catalog-scenarios.js';
import { timeClient } from './client-timing.js';
import { LOAD_NICE, runScenario, skipped, type LoadSettings } from './load.js';
import { loopDelays } from './loop-delay.js';
import { stop } from './processes.js';
import { CLIENT_PASS, HOT_BOOKS, HOT_STOCK, SCARCE_BOOK, SCARCE_STOCK, scenarios, stockingPlan, type RunContext, type Scenario } from './scenarios.js';
import { ADMIN_PASSWORD, benchEnv, memoryOf, seedData, startStack, type Stack } from './stack-runner.js';
import type { MemoryFigure, ScenarioResult, SizeRun, StockCheck } from './types.js';

export type Progress = (message: string) => void;

/**
 * BENCH_SCENARIOS=borrow-return,purchase: only those rows (by key, as in the results file;
 * a row's second pass comes with it), and none of the client timing, import, loans table or
 * web page; for working on one row at a time. Written to its timestamped file only.
 */
export function chosenScenarios(): Set<string> | null {
  const raw = process.env.BENCH_SCENARIOS?.trim();
  return raw ? new Set(raw.split(',').map((key) => key.trim())) : null;
}

export interface SizeOptions extends LoadSettings {
  books: number;
  workDir: string;
  clientRuns: { menu: number; search: number };
}

function writeSeed(seedDir: string, books: number): void {
  mkdirSync(seedDir, { recursive: true });
  writeFileSync(path.join(seedDir, 'books.csv'), booksCsv(books, stockingPlan()));
  // The other seed files are the committed ones: policy and reading-room template.
  for (const file of ['loans-policy.json', 'reading-room.json']) copyFileSync(path.join(REPO_ROOT, 'data', 'seed', file), path.join(seedDir, file));
}

async function stopStack(stack: Stack): Promise<void> {
  // The gateway first, so nothing is sent on to a service that is going away.
  await stop(stack.pids.get('gateway')!);
  await Promise.all([...stack.pids.values()].map((pid) => stop(pid)));
}

export async function runSize(options: SizeOptions, progress: Progress): Promise<SizeRun> {
  const { books, workDir } = options;
  const dataDir = path.join(workDir, `data-${books}`);
  const seedDir = path.join(workDir, `seed-${books}`);
  writeSeed(seedDir, books);
  const env = await benchEnv(dataDir, seedDir);
  progress(`${books} books: setup (seeding catalog, inventory, users)…`);
  const seedMs = await seedData(env);
  progress(`${books} books: setup took ${(seedMs / 1000).toFixed(1)} s; starting 7 processes…`);
  const stack = await startStack(env);
  try {
    progress(stack.healthyMs === null ? `${books} books: not all healthy: ${stack.missing.join(', ')}` : `${books} books: all healthy in ${(stack.healthyMs / 1000).toFixed(2)} s, the search index whole at ${stack.searchReadyMs === null ? '–' : (stack.searchReadyMs / 1000).toFixed(2)} s`);
    return await measure(stack, options, { books, seedMs, healthyMs: stack.healthyMs, readyMs: stack.readyMs, searchReadyMs: stack.searchReadyMs, missing: stack.missing, dataDir }, progress);
  } finally {
    progress(`${books} books: stopping the services…`);
    await stopStack(stack);
  }
}

interface Known {
  books: number;
  seedMs: number;
  healthyMs: number | null;
  readyMs: Record<string, number>;
  searchReadyMs: number | null;
  missing: string[];
  dataDir: string;
}

async function measure(stack: Stack, options: SizeOptions, known: Known, progress: Progress): Promise<SizeRun> {
  const has = (name: ProcessName) => stack.up.has(name);
  const gateway = stack.url('gateway');
  let members: Member[] = [];
  let adminToken = '';
  const date = dateAhead(2);
  if (has('gateway') && has('users')) {
    progress(`${known.books} books: registering ${options.connections} members…`);
    members = await registerMembers(gateway, options.connections);
    adminToken = await login(gateway, 'admin', ADMIN_PASSWORD);
    if (has('availability')) {
      const titles = [1, 2, 3, 4, 5].map((i) => ({ bookId: `bk-${i}`, seats: 500 }));
      await call(gateway, 'PUT', `/api/schedule/${date}`, adminToken, titles);
    }
  }
  const only = chosenScenarios();
  let client: SizeRun['client'] = { menuMs: [], menuMedianMs: null, searchJsonMs: [], searchJsonMedianMs: null };
  if (!only) {
    progress(`${known.books} books: timing the client (menu ×${options.clientRuns.menu}, search --json ×${options.clientRuns.search})…`);
    client = await timeClient(gateway, options.clientRuns, options.workDir);
  }

  const ctx: RunContext = { books: known.books, gateway, catalog: stack.url('catalog'), members, date, sold: new Map() };
  const results = [];
  const catalogRows = has('catalog') ? await catalogScenarios(ctx) : [];
  const rows = [...scenarios(ctx), ...catalogRows];
  const unknown = [...(only ?? [])].filter((key) => !rows.some((s) => s.key === key));
  if (unknown.length > 0) throw new Error(`BENCH_SCENARIOS names no row ${unknown.map((k) => `"${k}"`).join(', ')}; the rows are ${rows.map((s) => s.key).join(', ')}`);
  for (const scenario of rows.filter((s) => !only || only.has(s.key))) {
    const absent = scenario.needs.filter((name) => !has(name));
    if (absent.length > 0) {
      results.push(skipped(scenario, `${absent.join(', ')} not running`));
      progress(`${known.books} books: ${scenario.name}: skipped (${absent.join(', ')} not running)`);
      continue;
    }
    results.push(await measureRow(stack, scenario, options, known.books, progress));
    if (scenario.clientPass && (options.loadNice ?? LOAD_NICE) > 0) {
      const again = { ...scenario, key: scenario.key + CLIENT_PASS.keySuffix, name: scenario.name + CLIENT_PASS.nameSuffix };
      results.push({ ...(await measureRow(stack, again, { ...options, loadNice: 0 }, known.books, progress)), clientPass: true });
    }
  }
  const purchased = results.some((r) => r.key === 'purchase' && !r.skipped);
  const stock = purchased ? await checkStock(gateway, adminToken, known.dataDir, ctx.sold) : null;
  const memory: Record<string, MemoryFigure> = {};
  for (const [name, pid] of stack.pids) {
    const figure = memoryOf(pid);
    if (figure) memory[name] = figure;
  }
  const { dataDir: _, ...kept } = known;
  return { ...kept, scenarios: results, memory, client, stock };
}

async function measureRow(stack: Stack, scenario: Scenario, settings: LoadSettings, books: number, progress: Progress): Promise<ScenarioResult> {
  progress(`${books} books: ${scenario.name}…`);
  try {
    await loopDelays(stack); // resets each service's delay histogram
    const result = await runScenario(scenario, settings, stack.pids);
    result.loop = await loopDelays(stack);
    progress(`${books} books: ${scenario.name}: ${Math.round(result.rps)} req/s, p50 ${result.p50Ms} ms, ${result.errors} errors`);
    return result;
  } catch (error) {
    // One broken scenario should not cost the figures of all the others.
    progress(`${books} books: ${scenario.name}: failed: ${(error as Error).message}`);
    return skipped(scenario, `failed: ${(error as Error).message.slice(0, 200)}`);
  }
}

/** No unit sold twice: stock fell by what the order log says was sold, and every 201 is in it. */
export async function checkStock(gateway: string, token: string, dataDir: string, answered: Map<string, number>): Promise<StockCheck> {
  const ids = [...HOT_BOOKS, SCARCE_BOOK].map((n) => `bk-${n}`);
  const initial = (id: string) => (id === `bk-${SCARCE_BOOK}` ? SCARCE_STOCK : HOT_STOCK);
  const logFile = path.join(dataDir, 'orders', 'order_log.csv');
  const rows = existsSync(logFile) ? (parse(readFileSync(logFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]) : [];
  const byLog = new Map<string, number>();
  for (const row of rows) byLog.set(row.book_id, (byLog.get(row.book_id) ?? 0) + Number(row.quantity));
  const check: StockCheck = { books: ids.length, initialUnits: 0, soldByLog: 0, soldByAnswers: 0, stockDrop: 0, oversold: 0, consistent: true };
  const problems: string[] = [];
  for (const id of ids) {
    const now = await stockOf(gateway, token, id);
    const log = byLog.get(id) ?? 0;
    const answers = answered.get(id) ?? 0;
    check.initialUnits += initial(id);
    check.soldByLog += log;
    check.soldByAnswers += answers;
    check.stockDrop += initial(id) - now;
    check.oversold += Math.max(0, log - initial(id), answers - initial(id));
    // An order still in flight when the load stopped is in the log without a 201 we saw.
    if (now < 0 || initial(id) - now !== log || answers > log) problems.push(`${id}: start ${initial(id)}, now ${now}, log ${log}, answers ${answers}`);
  }
  check.consistent = problems.length === 0;
  if (problems.length) check.detail = problems.slice(0, 5).join('; ');
  return check;
}
