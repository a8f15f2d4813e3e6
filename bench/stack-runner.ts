// The services as real processes, the way ./startup.sh starts them (ops/stack.ts), but on
// free loopback ports and a temporary DATA_DIR, so a benchmark never meets live data or a
// running stack. A service that does not come up is reported missing, not fatal: its
// scenarios are skipped.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESS_NAMES, REPO_ROOT, lastLines, plan, serviceArgs, spawnService, type Planned } from '../ops/stack.js';
import { envName, type ProcessName } from '../services/shared/config.js';
import { SERVICE_ENV } from '../services/shared/memory.js';
import { freePorts } from '../test/support/http.js';
import { stop, track } from './processes.js';

export const ADMIN_PASSWORD = 'bench-admin-password-1';

export async function benchEnv(dataDir: string, seedDir: string): Promise<NodeJS.ProcessEnv> {
  const ports = await freePorts(PROCESS_NAMES.length);
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DIR: seedDir, HOST: '127.0.0.1' };
  PROCESS_NAMES.forEach((name, i) => {
    env[envName(name, 'PORT')] = String(ports[i]);
    delete env[envName(name, 'URL')]; // a URL from the caller's shell would point at another stack
  });
  delete env.LIBRARY_SECRET; // setup creates DATA_DIR/secret, as for a user
  env.LOG_REQUESTS = '1'; // measured as deployed: access log on
  // The login scenario is one client at machine speed (successful logins are never limited);
  // the set-up registers its members from one address.
  env.REGISTRATIONS_PER_ADDRESS = '1000000';
  env.LIBRARY_ADMIN_PASSWORD = ADMIN_PASSWORD;
  return env;
}

/** ./setup.sh's data step on the generated seed; returns its run time in ms. */
export function seedData(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const script = path.join(REPO_ROOT, 'dist', 'ops', 'setup.js');
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [script], { env, maxBuffer: 16 * 2 ** 20 }, (error, _out, stderr) => {
      if (error) reject(new Error(`setup failed: ${stderr.trim() || error.message}`));
      else resolve(performance.now() - started);
    });
    track(child, 'setup');
  });
}

export interface Stack {
  planned: Planned[];
  pids: Map<ProcessName, number>;
  url(name: ProcessName): string;
  up: Set<ProcessName>;
  missing: string[];
  healthyMs: number | null;
  /** When each process first answered /health, ms after the first spawn: who is slow to start. */
  readyMs: Record<string, number>;
  /** When the catalog's /health first said its search index is whole (searches before it wait), ms after the first spawn. */
  searchReadyMs: number | null;
  logFile(name: ProcessName): string;
}

/**
 * As ops/stack.ts's spawnService (log and PID files under DATA_DIR/run), plus node flags:
 * BENCH_PROFILE=<dir> writes a CPU profile of every process when it stops (node refuses
 * --cpu-prof in NODE_OPTIONS). Not detached: we stop each one by PID, gateway first.
 */
function spawnProcess(p: Planned, env: NodeJS.ProcessEnv): ChildProcess {
  const profile = process.env.BENCH_PROFILE;
  if (!profile) return spawnService(p, env, 'files', false);
  mkdirSync(path.dirname(p.pidFile), { recursive: true });
  const log = openSync(p.logFile, 'a');
  const flags = ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`, `--cpu-prof-name=${p.name}-${Date.now()}.cpuprofile`];
  const child = spawn(process.execPath, [...flags, ...serviceArgs(p.script)], { env: { ...env, ...SERVICE_ENV }, stdio: ['ignore', log, log] });
  closeSync(log);
  writeFileSync(p.pidFile, `${child.pid}\n`);
  return child;
}

/** Gateway: any answer will do (it says 503 while a service is down); services: 200. */
async function answers(p: Planned): Promise<boolean> {
  try {
    const response = await fetch(`${p.url}/health`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok || (p.name === 'gateway' && response.status === 503);
  } catch {
    return false;
  }
}

export async function startStack(env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<Stack> {
  const planned = plan(env);
  const children = new Map<ProcessName, ChildProcess>();
  const pids = new Map<ProcessName, number>();
  const started = performance.now();
  for (const p of planned) {
    const child = spawnProcess(p, env);
    children.set(p.name, child);
    pids.set(p.name, track(child, p.name));
  }
  const pending = new Set(planned);
  const up = new Set<ProcessName>();
  const readyMs: Record<string, number> = {};
  const exited: string[] = [];
  let healthyMs: number | null = null;
  while (pending.size > 0 && performance.now() - started < timeoutMs) {
    for (const p of pending) {
      const code = children.get(p.name)!.exitCode;
      if (code !== null) {
        // Its last log lines say why (a port taken, a file that fails to parse, …).
        exited.push(`${p.name} (exited with code ${code}: ${lastLines(p.logFile, 2).replace(/\s+/g, ' ').slice(0, 300)})`);
        pending.delete(p);
      }
    }
    const results = await Promise.all([...pending].map(async (p) => [p, await answers(p)] as const));
    for (const [p, ok] of results) {
      if (!ok) continue;
      pending.delete(p);
      up.add(p.name);
      readyMs[p.name] = Math.round(performance.now() - started);
    }
    if (pending.size === 0 && exited.length === 0) healthyMs = performance.now() - started;
    else if (pending.size > 0) await new Promise((r) => setTimeout(r, 20));
  }
  const gateway = planned.find((p) => p.name === 'gateway')!;
  // The gateway's own /health turns 200 only once every service answers it (while one is
  // down, from a check at most 50 ms old): all healthy is when it first says 200.
  while (healthyMs !== null) {
    if (await fetch(`${gateway.url}/health`).then((r) => r.ok, () => false)) {
      healthyMs = performance.now() - started;
      break;
    }
    if (performance.now() - started >= timeoutMs) healthyMs = null;
    else await new Promise((r) => setTimeout(r, 20));
  }
  // The catalog builds its search index after it listens: the rows start once it is whole.
  const catalog = planned.find((p) => p.name === 'catalog')!;
  let searchReadyMs: number | null = null;
  while (up.has('catalog') && performance.now() - started < timeoutMs) {
    const index = await fetch(`${catalog.url}/health`).then((r) => r.json() as Promise<{ searchIndex?: string }>, () => ({ searchIndex: undefined }));
    if (index.searchIndex === 'ready') {
      searchReadyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const missing = [...exited, ...[...pending].map((p) => `${p.name} (no answer within ${timeoutMs} ms)`)];
  return {
    planned,
    pids,
    up,
    missing,
    healthyMs,
    readyMs,
    searchReadyMs,
    url: (name) => planned.find((p) => p.name === name)!.url,
    logFile: (name) => planned.find((p) => p.name === name)!.logFile,
  };
}

/**
 * Stops one process of the stack (SIGTERM: it flushes its files) and starts it again alone,
 * the others running: how long a service is away after a restart, without the others' start
 * sharing the cores. Returns the ms from spawn to its first 200 on /health (null if none
 * within timeoutMs); `stack.pids` gets the new PID.
 */
export async function restartProcess(stack: Stack, name: ProcessName, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<number | null> {
  const p = stack.planned.find((q) => q.name === name)!;
  await stop(stack.pids.get(name)!);
  const began = performance.now();
  const child = spawnProcess(p, env);
  stack.pids.set(name, track(child, name));
  while (performance.now() - began < timeoutMs && child.exitCode === null) {
    if (await answers(p)) return Math.round(performance.now() - began);
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

/** VmRSS and VmHWM of a process, in MiB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: Math.round((kib('VmRSS') / 1024) * 10) / 10, peakMiB: Math.round((kib('VmHWM') / 1024) * 10) / 10 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; null once gone. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux build Node supports. */
const CLOCK_TICKS = 100;
