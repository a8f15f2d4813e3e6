// The catalog-file benchmark: `library books import` of a generated file of new books (10,000
// by default, BENCH_IMPORT_ROWS) into a stack on the committed seed, timed from exec to exit,
// as rows per second. Each row adds a book, one copy and one unit of stock.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../ops/stack.js';
import { stop, track } from './processes.js';
import { ADMIN_PASSWORD, benchEnv, seedData, startStack } from './stack-runner.js';

export interface ImportFigure {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  error?: string;
}

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** A valid ISBN-13 (979 prefix) for row `i`: distinct from the seed and from each other. */
export function benchIsbn(i: number): string {
  const body = `9798${String(i).padStart(8, '0')}`;
  const sum = [...body].reduce((acc, d, k) => acc + Number(d) * (k % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}

export function importCsv(rows: number): string {
  const lines = ['isbn,title,authors,topic,year,price,copies,stock'];
  for (let i = 1; i <= rows; i++) lines.push(`${benchIsbn(i)},"Imported Title ${i}",Bench Author ${i % 97};Second Author,benchmarks,2020,9.99,1,1`);
  return `${lines.join('\n')}\n`;
}

function client(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env, maxBuffer: 64 * 2 ** 20, timeout: 30 * 60_000 }, (error, _out, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
    );
    track(child, `client ${args[0]} ${args[1] ?? ''}`);
    if (input !== undefined) child.stdin?.end(input);
  });
}

export async function runImportBench(workDir: string, rows: number, progress: (m: string) => void): Promise<ImportFigure> {
  const dataDir = path.join(workDir, 'data-import');
  const env = await benchEnv(dataDir, path.join(REPO_ROOT, 'data', 'seed'));
  await seedData(env);
  const stack = await startStack(env);
  try {
    const clientEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: workDir, LIBRARY_URL: stack.url('gateway'), XDG_CONFIG_HOME: path.join(workDir, 'import-config'), NO_COLOR: '1' };
    const login = await client(['login', 'admin', '--password-stdin'], clientEnv, `${ADMIN_PASSWORD}\n`);
    if (login.code !== 0) throw new Error(`login failed: ${login.stderr.trim()}`);
    const file = path.join(workDir, 'import.csv');
    writeFileSync(file, importCsv(rows));
    progress(`books import: ${rows} rows…`);
    const started = performance.now();
    const run = await client(['books', 'import', file], clientEnv);
    const seconds = (performance.now() - started) / 1000;
    if (run.code !== 0) throw new Error(`books import exited ${run.code}: ${run.stderr.trim().slice(-300)}`);
    const figure = { rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds) };
    progress(`books import: ${figure.rowsPerSecond} rows/s (${figure.seconds} s)`);
    return figure;
  } finally {
    await Promise.all([...stack.pids.values()].map((pid) => stop(pid)));
  }
}

export function renderImport(figure: ImportFigure | null): string {
  if (!figure) return '';
  if (figure.error) return `\nCatalog file: books import of ${figure.rows} rows failed: ${figure.error}\n`;
  return `\nCatalog file: books import of ${figure.rows} new books (each with a copy and stock): ${figure.rowsPerSecond} rows/s, ${figure.seconds} s from exec to exit.\n`;
}
