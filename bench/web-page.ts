// npm run bench:web (and the end of npm run bench): the web front desk's first page on
// loopback, in Debian's chromium. Bytes: everything the first visit transfers (the page,
// its script, stylesheet and icon, headers included, compressed as the browser accepts)
// and the catalog's first answer. Time: from navigation start to the moment the first view
// has shown what it loaded (the page's "library-interactive" mark), on a cold visit (fresh
// profile, nothing cached) and a warm one (the hashed assets cached as immutable). Targets:
// under 100 KB, interactive under 1 s. The figures go to bench/results/web-latest.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../ops/stack.js';
import { startBrowser } from '../test/support/browser.js';
import { installSignalHandlers, stopAll } from './processes.js';
import { benchEnv, seedData, startStack } from './stack-runner.js';

const RUNS = 10;
const TARGET_BYTES = 100_000;
const TARGET_MS = 1000;

interface Visit {
  ms: number;
  pageBytes: number;
  apiBytes: number;
}

async function visit(page: Page, url: string): Promise<Visit> {
  let pageBytes = 0;
  let apiBytes = 0;
  const sized: Promise<void>[] = [];
  const onFinished = (request: import('playwright-core').Request) => {
    sized.push(
      request.sizes().then((s) => {
        const bytes = s.responseBodySize + s.responseHeadersSize;
        if (new URL(request.url()).pathname.startsWith('/api/')) apiBytes += bytes;
        else if (!request.url().endsWith('/health')) pageBytes += bytes;
      }),
    );
  };
  page.on('requestfinished', onFinished);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('library-interactive').length > 0, null, { timeout: 30_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('library-interactive')[0].startTime);
  await Promise.all(sized);
  page.off('requestfinished', onFinished);
  return { ms, pageBytes, apiBytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<number> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'library-bench-web-'));
  const cleanup = async () => {
    await stopAll();
    rmSync(workDir, { recursive: true, force: true });
  };
  installSignalHandlers(cleanup);
  try {
    const env = await benchEnv(path.join(workDir, 'data'), path.join(REPO_ROOT, 'data', 'seed'));
    env.LOG_REQUESTS = '0';
    await seedData(env);
    const stack = await startStack(env);
    if (stack.missing.length) throw new Error(`the stack did not start: ${stack.missing.join('; ')}`);
    const url = `${stack.url('gateway')}/`;
    const cold: Visit[] = [];
    const warm: Visit[] = [];
    for (let i = 0; i < RUNS; i++) {
      const browser = await startBrowser();
      try {
        const page = await browser.newPage();
        cold.push(await visit(page, url));
        await page.goto('about:blank');
        warm.push(await visit(page, url));
      } finally {
        await browser.close();
      }
    }
    const result = {
      at: new Date().toISOString(),
      runs: RUNS,
      firstPageBytes: median(cold.map((v) => v.pageBytes)),
      firstApiBytes: median(cold.map((v) => v.apiBytes)),
      warmPageBytes: median(warm.map((v) => v.pageBytes)),
      coldInteractiveMs: Math.round(median(cold.map((v) => v.ms))),
      coldInteractiveMaxMs: Math.round(Math.max(...cold.map((v) => v.ms))),
      warmInteractiveMs: Math.round(median(warm.map((v) => v.ms))),
    };
    const ok = result.firstPageBytes + result.firstApiBytes < TARGET_BYTES && result.coldInteractiveMs < TARGET_MS;
    mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, 'bench', 'results', 'web-latest.json'), `${JSON.stringify({ ...result, targets: { bytes: TARGET_BYTES, ms: TARGET_MS }, ok }, null, 2)}\n`);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    process.stdout.write(
      [
        '',
        '| Web front desk (chromium, loopback, median of 10) | Measured | Target |',
        '| --- | --- | --- |',
        `| first page transferred (page, script, style, icon; brotli) | ${kb(result.firstPageBytes)} (+ ${kb(result.firstApiBytes)} of catalog answer) | < 100 KB in all |`,
        `| interactive, cold (nothing cached) | ${result.coldInteractiveMs} ms (slowest ${result.coldInteractiveMaxMs} ms) | < ${TARGET_MS} ms |`,
        `| interactive, warm (assets cached, page revalidated: ${kb(result.warmPageBytes)}) | ${result.warmInteractiveMs} ms | |`,
        `| ${ok ? 'PASS' : 'FAIL'} | | |`,
        '',
      ].join('\n'),
    );
    return ok ? 0 : 1;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main().catch((error: Error) => {
  process.stderr.write(`bench:web: ${error.message}\n`);
  return 1;
});
