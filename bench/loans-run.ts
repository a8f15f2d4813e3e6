// npm run bench -- --large: the loans and users table at small data (library-data.ts's SMALL:
// the large library at a hundredth, on 1,000 books) and at large (LARGE: 20,000 members,
// 80,000 copies, 50,000 active loans, 200,000 returned, 22,000 holds), each row of the scale issue's table (and the holds pages), the
// start-up time and loans' memory, and the event-loop delay of every service during each
// row (max and p99 from prom-client's monitorEventLoopDelay, read from each service's
// /metrics before and after the row).
import { mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../ops/stack.js';
import type { ProcessName } from '../services/shared/config.js';
import { call, login, registerMembers, type Member } from './api.js';
import { booksCsv, type Stocking } from './books-csv.js';
import { COPIES_PER_BOOK, generateLibrary, LARGE, SMALL, type LibrarySpec } from './library-data.js';
import { runBounded, type LoadSettings } from './load.js';
import { loopDelays, worstDelay, type LoopDelay } from './loop-delay.js';
import { stop } from './processes.js';
import { HOT_BOOKS, scenarios, stockingPlan, type Scenario } from './scenarios.js';
import { ADMIN_PASSWORD, benchEnv, memoryOf, restartProcess, seedData, startStack, type Stack } from './stack-runner.js';
import type { MemoryFigure, ScenarioResult } from './types.js';

export type Progress = (message: string) => void;

export interface LoansRow {
  key: string;
  name: string;
  result: ScenarioResult;
  /** Per service: the event loop's delay while the row ran. */
  loop: Record<string, LoopDelay>;
}

export interface LoansSizeRun {
  size: 'small' | 'large';
  books: number;
  generateMs: number;
  healthyMs: number | null;
  loansReadyMs: number | null;
  loansAfterStart: MemoryFigure | null;
  loansAfterLoad: MemoryFigure | null;
  /** Loans stopped and started again alone, the others running: spawn to healthy, ms. */
  loansRestartMs: number | null;
  rows: LoansRow[];
}

const SMALL_BOOKS = 1_000;
const LARGE_BOOKS = 10_000;
/** Books on order (no copies yet) at both sizes: the measured member holds them. */
const ON_ORDER = [106, 107, 108];

function writeSeed(seedDir: string, books: number, large: boolean): void {
  mkdirSync(seedDir, { recursive: true });
  const plan = stockingPlan();
  const overrides = new Map<number, Stocking>(large ? Array.from({ length: books }, (_, i) => [i + 1, { copies: COPIES_PER_BOOK, stock: i % 25 }]) : []);
  for (const [n, stocking] of plan) overrides.set(n, stocking);
  for (const n of ON_ORDER) overrides.set(n, { copies: 0, stock: 0 });
  writeFileSync(path.join(seedDir, 'books.csv'), booksCsv(books, overrides));
  for (const file of ['loans-policy.json', 'reading-room.json']) copyFileSync(path.join(REPO_ROOT, 'data', 'seed', file), path.join(seedDir, file));
}

/**
 * A member with some history: three loans returned, two still out (non-hot books), and
 * holds on the three books on order, one of them cancelled.
 */
async function prepareMember(gateway: string, member: Member): Promise<void> {
  for (const n of [101, 102, 103]) {
    const loan = await call<{ id: string }>(gateway, 'POST', '/api/loans', member.token, { bookId: `bk-${n}` });
    await call(gateway, 'POST', `/api/loans/${loan.id}/return`, member.token);
  }
  for (const n of [104, 105]) await call(gateway, 'POST', '/api/loans', member.token, { bookId: `bk-${n}` });
  const holds = [];
  for (const n of ON_ORDER) holds.push(await call<{ id: string }>(gateway, 'POST', '/api/holds', member.token, { bookId: `bk-${n}` }));
  await call(gateway, 'DELETE', `/api/holds/${holds[holds.length - 1].id}`, member.token);
}

function getRow(key: string, name: string, gateway: string, route: string, token: string): Scenario {
  return {
    key,
    name,
    needs: ['gateway', 'loans', 'users'],
    url: gateway,
    expected: [],
    // The route goes in the URL: autocannon takes the path from it and ignores a `path` option.
    options: () => ({ url: gateway + route, headers: { authorization: `Bearer ${token}` } }),
  };
}

export async function runLoansSize(size: 'small' | 'large', settings: LoadSettings, workDir: string, progress: Progress): Promise<LoansSizeRun> {
  const large = size === 'large';
  const books = large ? LARGE_BOOKS : SMALL_BOOKS;
  const dataDir = path.join(workDir, `loans-${size}`);
  const seedDir = path.join(workDir, `loans-seed-${size}`);
  writeSeed(seedDir, books, large);
  const env = await benchEnv(dataDir, seedDir);
  progress(`loans ${size}: setup…`);
  await seedData(env);
  // Both sizes hold a library's history, so each librarian page is full at both.
  const spec = large ? LARGE : SMALL;
  progress(`loans ${size}: writing ${spec.members} members, ${spec.active} active loans, ${spec.returned} returned, ${spec.closedHolds + spec.waitingHolds} holds into the services' files…`);
  const began = performance.now();
  // Books 101–108 stay free for the measured member; the hot books for borrow + return.
  const spare = new Set([...HOT_BOOKS, 101, 102, 103, 104, 105, ...ON_ORDER].map((n) => `bk-${n}`));
  await generateLibrary(dataDir, { ...spec, spare });
  const generateMs = Math.round(performance.now() - began);
  progress(`loans ${size}: generated in ${(generateMs / 1000).toFixed(1)} s`);
  const stack = await startStack(env, 60_000);
  const loansPid = stack.pids.get('loans');
  const run: LoansSizeRun = {
    size,
    books,
    generateMs,
    healthyMs: stack.healthyMs === null ? null : Math.round(stack.healthyMs),
    loansReadyMs: stack.readyMs.loans ?? null,
    loansAfterStart: loansPid ? memoryOf(loansPid) : null,
    loansAfterLoad: null,
    loansRestartMs: null,
    rows: [],
  };
  try {
    progress(`loans ${size}: healthy in ${run.healthyMs} ms (loans ${run.loansReadyMs} ms), loans RSS ${run.loansAfterStart?.rssMiB} MiB`);
    if (stack.healthyMs === null) throw new Error(`not all healthy: ${stack.missing.join(', ')}`);
    const gateway = stack.url('gateway');
    const members = await registerMembers(gateway, settings.connections, 'loadm');
    const [reader] = await registerMembers(gateway, 1, 'reader');
    await prepareMember(gateway, reader);
    const admin = await login(gateway, 'admin', ADMIN_PASSWORD);
    const borrowReturn = scenarios({ books, gateway, catalog: stack.url('catalog'), members, date: '', sold: new Map() }).find((s) => s.key === 'borrow-return')!;
    const rows: Scenario[] = [
      borrowReturn,
      getRow('member-active', 'member GET /api/loans?status=active', gateway, '/api/loans?status=active', reader.token),
      getRow('member-loans', 'member GET /api/loans', gateway, '/api/loans', reader.token),
      getRow('member-fines', 'member GET /api/fines', gateway, '/api/fines', reader.token),
      getRow('librarian-overdue', 'librarian GET /api/loans?status=overdue (page of 20)', gateway, '/api/loans?status=overdue&limit=20', admin),
      getRow('librarian-fines', 'librarian GET /api/fines', gateway, '/api/fines', admin),
      getRow('librarian-users', 'librarian GET /api/users?limit=50', gateway, '/api/users?limit=50', admin),
      getRow('member-holds', 'member GET /api/holds', gateway, '/api/holds', reader.token),
      getRow('librarian-holds', 'librarian GET /api/holds?status=waiting&limit=20', gateway, '/api/holds?status=waiting&limit=20', admin),
    ];
    for (const row of rows) {
      await loopDelays(stack); // resets each service's delay histogram
      progress(`loans ${size}: ${row.name}…`);
      const result = await runBounded(row, settings, stack.pids);
      const loop = await loopDelays(stack);
      run.rows.push({ key: row.key, name: row.name, result, loop });
      const worst = worstDelay(loop);
      progress(`loans ${size}: ${row.name}: ${Math.round(result.rps)} req/s, p50 ${result.cycle?.p50Ms ?? result.p50Ms} ms, ${result.errors} errors; worst loop delay ${worst?.[0]} ${worst?.[1].maxMs} ms${worst?.[1].waitMs === undefined ? '' : ` (${worst[1].waitMs} ms waiting for a core)`}`);
    }
    run.loansAfterLoad = loansPid ? memoryOf(loansPid) : null;
    // At the stack's start seven processes share two cores; a restart of loans alone (after
    // a crash, an upgrade) is how long loans itself takes to read its files.
    progress(`loans ${size}: restarting loans alone…`);
    run.loansRestartMs = await restartProcess(stack, 'loans', env);
    progress(`loans ${size}: loans healthy ${run.loansRestartMs} ms after its restart`);
    return run;
  } finally {
    progress(`loans ${size}: stopping the services…`);
    await stop(stack.pids.get('gateway' as ProcessName)!);
    await Promise.all([...stack.pids.values()].map((pid) => stop(pid)));
  }
}

const figure = (row: LoansRow | undefined) => {
  if (!row) return '—';
  const r = row.result;
  if (r.skipped) return `skipped: ${r.skipped}`;
  if (r.cycle) return `${Math.round(r.cycle.perSecond)}/s, p50 ${r.cycle.p50Ms} ms`;
  return `${Math.round(r.rps)} req/s, p50 ${r.p50Ms} ms`;
};

const describe = (spec: Omit<LibrarySpec, 'spare'>, books: number, copies: string) =>
  `${spec.members} members, ${books} books × ${copies}, ${spec.active} active loans, ${spec.returned} returned, ${spec.closedHolds} closed and ${spec.waitingHolds} waiting holds`;

export function renderLoansTable(runs: LoansSizeRun[], loadAvg: number): string {
  const small = runs.find((r) => r.size === 'small');
  const large = runs.find((r) => r.size === 'large');
  const keys = (small ?? large)?.rows.map((r) => [r.key, r.name]) ?? [];
  const lines = [
    '',
    `Loans and users, small (${describe(SMALL, SMALL_BOOKS, 'about 2')}) vs large (${describe(LARGE, LARGE_BOOKS, String(COPIES_PER_BOOK))}); load average ${loadAvg.toFixed(1)} at start`,
    '| operation | small | large | small / large (rate) |',
    '|---|---|---|---|',
  ];
  for (const [key, name] of keys) {
    const a = small?.rows.find((r) => r.key === key);
    const b = large?.rows.find((r) => r.key === key);
    // Of rates, not p50s: a page's p50 is a whole number of milliseconds (2 against 3 reads as
    // 1.5×), and at a fixed number of connections the rate is the mean latency's inverse.
    const rate = (row?: LoansRow) => (row?.result.skipped ? undefined : row?.result.cycle?.perSecond ?? row?.result.rps);
    const ratio = rate(a) && rate(b) ? `${(rate(a)! / rate(b)!).toFixed(2)}×` : '—';
    lines.push(`| ${name} | ${figure(a)} | ${figure(b)} | ${ratio} |`);
  }
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v / 1000).toFixed(2)} s`);
  const mem = (m: MemoryFigure | null | undefined) => (m ? `${m.rssMiB} MiB` : '—');
  lines.push(`| all healthy after start (loans) | ${ms(small?.healthyMs)} (${ms(small?.loansReadyMs)}) | ${ms(large?.healthyMs)} (${ms(large?.loansReadyMs)}) | |`);
  lines.push(`| loans restarted alone, healthy after | ${ms(small?.loansRestartMs)} | ${ms(large?.loansRestartMs)} | |`);
  lines.push(`| loans RSS after start / after load / peak | ${mem(small?.loansAfterStart)} / ${mem(small?.loansAfterLoad)} / ${small?.loansAfterLoad?.peakMiB ?? '—'} MiB | ${mem(large?.loansAfterStart)} / ${mem(large?.loansAfterLoad)} / ${large?.loansAfterLoad?.peakMiB ?? '—'} MiB | |`);
  lines.push('', 'Event-loop delay during each row, worst service (max / p99 ms; its main thread\'s run-queue wait over the row):', '| operation | small | large |', '|---|---|---|');
  const worst = (row?: LoansRow) => {
    if (!row) return '—';
    const found = worstDelay(row.loop);
    return found ? `${found[0]} ${found[1].maxMs} / ${found[1].p99Ms}${found[1].waitMs === undefined ? '' : ` (${found[1].waitMs} ms waiting for a core)`}` : '—';
  };
  for (const [key, name] of keys) lines.push(`| ${name} | ${worst(small?.rows.find((r) => r.key === key))} | ${worst(large?.rows.find((r) => r.key === key))} |`);
  return lines.join('\n') + '\n';
}
