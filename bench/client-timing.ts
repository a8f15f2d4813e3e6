// How long the terminal client makes a person or a script wait: the time until the menu
// is on screen (under a real pseudo-terminal, through `script`), and the time a
// `search --json` takes from exec to exit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../ops/stack.js';
import { stop, track } from './processes.js';
import { median, round } from './stats.js';
import type { ClientTiming } from './types.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');
// The main menu's last entry: once it is drawn, the whole menu is.
const MENU_DRAWN = /\bExit\b/;
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function clientEnv(gateway: string, configHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LIBRARY_URL: gateway, XDG_CONFIG_HOME: configHome, TERM: 'xterm-256color' };
  delete env.LIBRARY_TOKEN;
  delete env.NODE_OPTIONS; // a profiling flag meant for the services must not slow the client
  return env;
}

/** Milliseconds from spawn until the menu is drawn on the pseudo-terminal. */
export function timeMenu(gateway: string, configHome: string, timeoutMs = 10_000): Promise<number> {
  const command = `${quote(process.execPath)} ${quote(CLI)}`;
  const started = performance.now();
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: clientEnv(gateway, configHome), stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = track(child, 'client menu');
  return new Promise<number>((resolve, reject) => {
    let screen = '';
    const timer = setTimeout(() => finish(new Error(`the menu did not appear within ${timeoutMs} ms; the screen was: ${screen.slice(-300)}`)), timeoutMs);
    const finish = (outcome: number | Error) => {
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      // Closing `script` hangs up its terminal, which ends the client inside it.
      void stop(pid, 2000).then(() => (typeof outcome === 'number' ? resolve(outcome) : reject(outcome)));
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      screen += chunk;
      if (MENU_DRAWN.test(screen.replace(ANSI, ''))) finish(performance.now() - started);
    });
    child.once('error', (error) => finish(new Error(`cannot run script(1): ${error.message}`)));
  });
}

/** Milliseconds from exec to exit of `library search <q> --json`, which must succeed. */
export function timeSearchJson(gateway: string, configHome: string, query: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'search', query, '--json'], { env: clientEnv(gateway, configHome), stdio: ['ignore', 'pipe', 'pipe'] });
  track(child, 'client search');
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`search --json exited with ${code}: ${err.trim().slice(0, 200)}`));
      try {
        if (!Array.isArray((JSON.parse(out) as { items?: unknown }).items)) throw new Error('no items');
      } catch (error) {
        return reject(new Error(`search --json printed no page of books: ${(error as Error).message}`));
      }
      resolve(ms);
    });
  });
}

/** `workDir`: the benchmark's temporary folder, removed even when a signal cuts this short. */
export async function timeClient(gateway: string, runs: { menu: number; search: number }, workDir: string): Promise<ClientTiming> {
  const configHome = mkdtempSync(path.join(workDir, 'client-config-'));
  const timing: ClientTiming = { menuMs: [], menuMedianMs: null, searchJsonMs: [], searchJsonMedianMs: null };
  try {
    for (let i = 0; i < runs.menu; i++) timing.menuMs.push(round(await timeMenu(gateway, configHome)));
    for (let i = 0; i < runs.search; i++) timing.searchJsonMs.push(round(await timeSearchJson(gateway, configHome, 'data')));
  } catch (error) {
    timing.error = (error as Error).message;
  } finally {
    rmSync(configHome, { recursive: true, force: true });
  }
  if (timing.menuMs.length > 0) timing.menuMedianMs = round(median(timing.menuMs));
  if (timing.searchJsonMs.length > 0) timing.searchJsonMedianMs = round(median(timing.searchJsonMs));
  return timing;
}
