// A real browser for the web front desk's tests: Debian's chromium, driven by
// playwright-core, with a fresh profile per run. When chromium is missing it is installed
// (apt-get, as root), as setup.sh does. When no browser can start, the tests fail with the
// reason; only outside CI may they be skipped (loudly), for a machine that cannot have one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { tempDir } from './http.js';
import { REPO_ROOT } from './processes.js';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where the browser tests leave their screenshots (git-ignored). */
export const WEB_OUTPUT = path.join(REPO_ROOT, 'test-output', 'web');

function installChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`no browser at ${CHROMIUM}, and it cannot be installed here (needs root and apt-get): apt-get install chromium`);
  }
  process.stderr.write(`browser tests: ${CHROMIUM} is missing; installing Debian's chromium (apt-get update && apt-get install -y chromium)\n`);
  execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get install chromium did not put a browser at ${CHROMIUM}`);
}

export async function startBrowser(): Promise<BrowserContext> {
  installChromium();
  return chromium.launchPersistentContext(tempDir('chromium-profile-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1024, height: 800 },
    timeout: 60_000,
  });
}

/**
 * For a describe(): the browser starts before its tests and closes after them. Without a
 * browser the hook fails (CI=true, or anywhere it could be had), or skips with the reason.
 */
export function useBrowser(): () => BrowserContext {
  let context: BrowserContext | undefined;
  before(async function () {
    this.timeout(20 * 60_000); // an install of chromium takes minutes on a slow mirror
    try {
      context = await startBrowser();
    } catch (error) {
      const why = `no browser for the web front desk's tests: ${(error as Error).message}`;
      if (process.env.CI === 'true' || existsSync(CHROMIUM)) throw new Error(why);
      process.stderr.write(`SKIPPING the browser tests: ${why}\n`);
      this.skip();
    }
    mkdirSync(WEB_OUTPUT, { recursive: true });
  });
  after(async () => {
    await context?.close();
  });
  return () => {
    if (!context) throw new Error('the browser is not started');
    return context;
  };
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The script is
 * evaluated through the DevTools protocol, which the page's CSP does not govern (a
 * <script> tag would be refused, as it should be).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits until the page has nothing in flight (its <html data-busy> is gone). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !document.documentElement.hasAttribute('data-busy'), null, { timeout: 30_000 });
}
