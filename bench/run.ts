// npm run bench: the services as real processes on a generated catalog of 1,000 and of
// 100,000 books, bounded load on loopback, and a report against the targets. Progress on
// stderr, the report on stdout, every figure in bench/results/. Whatever happens, every
// process it started is stopped by PID and the temporary data is removed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../ops/stack.js';
import { canRenice, LOAD_NICE, runScenario, stopLoad, type LoadSettings } from './load.js';
import { installSignalHandlers, stop, stopAll, track } from './processes.js';
import { renderImport, runImportBench, type ImportFigure } from './import-run.js';
import { renderLoansTable, runLoansSize, type LoansSizeRun } from './loans-run.js';
import { renderReport, writeResults } from './report.js';
import { chosenScenarios, runSize } from './size-run.js';
import { freePorts } from '../test/support/http.js';
import { catalogTargets } from './catalog-scenarios.js';
import { evaluateTargets } from './targets.js';
import type { BenchResults, ScenarioResult, SizeRun } from './types.js';

const int = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${raw}"`);
  return Number(raw);
};

/** BENCH_LOAD_NICE: 0 (the generator as a service) to 19; LOAD_NICE when unset; 0 when it cannot be applied (not root). */
function loadNice(): number {
  const raw = process.env.BENCH_LOAD_NICE;
  if (raw !== undefined && raw !== '' && (!/^\d+$/.test(raw) || Number(raw) > 19)) throw new Error(`BENCH_LOAD_NICE must be a whole number from 0 to 19, got "${raw}"`);
  if (!canRenice) return 0; // what the generator really runs at: the report says so
  return raw === undefined || raw === '' ? LOAD_NICE : Number(raw);
}

const began = performance.now();
const progress = (message: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);

async function reference(settings: LoadSettings): Promise<ScenarioResult> {
  const [port] = await freePorts(1);
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'bench', 'bare-server.js'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = track(child, 'bare server');
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`the bare server exited with code ${code}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const scenario = { key: 'bare-node-http', name: 'bare node:http (reference)', needs: [], url, expected: [], options: () => ({ url, path: '/' }) };
    return await runScenario(scenario, settings, new Map([['bare server', pid]]));
  } finally {
    await stop(pid);
  }
}

async function main(): Promise<number> {
  const settings: LoadSettings = { durationS: int('BENCH_DURATION', 5), warmupS: int('BENCH_WARMUP', 1), connections: int('BENCH_CONNECTIONS', 10), loadNice: loadNice() };
  // --large: the loans and users table too, at small and large data (loans-run.ts);
  // BENCH_LOANS_ONLY=1 runs only that table.
  const large = process.argv.includes('--large');
  const loansOnly = large && process.env.BENCH_LOANS_ONLY === '1';
  const sizes = loansOnly ? [] : (process.env.BENCH_SIZES ?? '1000,100000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 30)) throw new Error('BENCH_SIZES must be whole numbers of books, each at least 30');
  const workDir = mkdtempSync(path.join(tmpdir(), 'library-bench-'));
  const cleanup = async () => {
    stopLoad();
    await stopAll();
    if (!process.env.BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
  };
  installSignalHandlers(cleanup);
  // Even a crash that skips `finally` leaves no temporary data behind.
  process.on('exit', () => process.env.BENCH_KEEP || rmSync(workDir, { recursive: true, force: true }));
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0];
  if (loadAtStart > cpus().length / 2) progress(`warning: load average ${loadAtStart.toFixed(1)} on ${cpus().length} CPUs: other work will cut the figures; compare CPU ms per request`);
  const runs: SizeRun[] = [];
  const failures: string[] = [];
  let ref: ScenarioResult | null = null;
  let bookImport: ImportFigure | null = null;
  const loansRuns: LoansSizeRun[] = [];
  try {
    progress(`work folder ${workDir}; ${settings.connections} connections, ${settings.durationS} s per scenario`);
    if (!loansOnly) {
      progress('reference: bare node:http…');
      ref = await reference(settings);
      progress(`reference: ${Math.round(ref.rps)} req/s`);
    }
    for (const books of sizes) {
      try {
        runs.push(await runSize({ ...settings, books, workDir, clientRuns: { menu: 3, search: 5 } }, progress));
      } catch (error) {
        // The other size's figures are still worth a report.
        failures.push(`${books} books: ${(error as Error).message}`);
        progress(`${books} books: failed: ${(error as Error).message}`);
      }
    }
    const importRows = int('BENCH_IMPORT_ROWS', 10_000);
    if (!loansOnly && !chosenScenarios()) {
      try {
        bookImport = await runImportBench(workDir, importRows, progress);
      } catch (error) {
        bookImport = { rows: importRows, seconds: 0, rowsPerSecond: 0, error: (error as Error).message };
        failures.push(`books import: ${(error as Error).message}`);
      }
    }
    if (large && !chosenScenarios()) {
      const loansSettings = { ...settings, durationS: int('BENCH_LOANS_DURATION', 3) };
      for (const size of ['small', 'large'] as const) {
        try {
          loansRuns.push(await runLoansSize(size, loansSettings, workDir, progress));
        } catch (error) {
          failures.push(`loans ${size}: ${(error as Error).message}`);
          progress(`loans ${size}: failed: ${(error as Error).message}`);
        }
      }
    }
  } finally {
    await cleanup();
  }
  const results: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    totalS: Math.round((performance.now() - began) / 100) / 10,
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, platform: `${process.platform}-${process.arch}`, loadAvg: Math.round(loadAtStart * 100) / 100 },
    settings: { ...settings, sizes, logRequests: true, ...(chosenScenarios() ? { scenarios: [...chosenScenarios()!] } : {}) },
    reference: ref,
    runs,
    targets: [...evaluateTargets(runs), ...catalogTargets(runs, ref)],
    failures,
    bookImport,
    ...(large ? { loans: loansRuns } : {}),
  };
  process.stdout.write((loansOnly ? '' : renderReport(results) + renderImport(bookImport)) + (large ? renderLoansTable(loansRuns, loadAtStart) : ''));
  // A run of chosen rows is not the whole benchmark latest.json (and the README) stands for.
  const partial = chosenScenarios() !== null;
  const file = writeResults(path.join(REPO_ROOT, 'bench', 'results'), results, !partial);
  progress(`done in ${results.totalS} s; figures in ${path.relative(process.cwd(), file)}${partial ? ' (only the rows chosen: latest.json left as it was)' : ' and bench/results/latest.json'}`);
  return failures.length > 0 ? 1 : 0;
}

/**
 * The web page's benchmark (web-page.ts) after the rest, in its own process: run here, not
 * chained in package.json, because npm appends `npm run bench -- --large`'s flags to the
 * last command of a script only (the --large run used to reach web-page.js, not this file).
 */
function webPage(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'bench', 'web-page.js')], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

main().then(
  async (code) => {
    const web = process.env.BENCH_LOANS_ONLY === '1' || chosenScenarios() ? 0 : await webPage();
    process.exit(code || web);
  },
  async (error: Error) => {
    process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
    await stopAll();
    process.exit(1);
  },
);
