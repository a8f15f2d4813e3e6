// Starting, watching and stopping the service processes, for startup.sh (and the
// benchmark). Processes are always found by their PID files and stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS, envName, readInt, type ProcessName } from '../services/shared/config.js';
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from '../services/shared/memory.js';
import { lockHeld } from '../services/shared/store/lock.js';
import { makePrivateDir } from '../services/shared/store/modes.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Services first; the gateway last, so it finds them up. */
export const PROCESS_NAMES: ProcessName[] = ['catalog', 'users', 'inventory', 'loans', 'orders', 'availability', 'gateway'];

export interface Planned {
  name: ProcessName;
  host: string;
  port: number;
  url: string;
  script: string;
  pidFile: string;
  logFile: string;
  /** The folder whose lock the service holds while it runs (the gateway keeps no files: null). */
  lockDir: string | null;
}

/** The file a process runs: its bundle, made by `npm run build` (ops/build-services.ts). */
export function serviceScript(name: ProcessName): string {
  return path.join(REPO_ROOT, 'dist', 'services', name, 'main.bundle.js');
}

export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.DATA_DIR || path.join(REPO_ROOT, 'data'));
}

export function plan(env: NodeJS.ProcessEnv): Planned[] {
  const runDir = path.join(dataDirOf(env), 'run');
  const host = env.HOST || '127.0.0.1';
  const connectHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return PROCESS_NAMES.map((name) => {
    const port = readInt(env, envName(name, 'PORT'), DEFAULT_PORTS[name], 1, 65535);
    return {
      name,
      host,
      port,
      url: `http://${connectHost}:${port}`,
      script: serviceScript(name),
      pidFile: path.join(runDir, `${name}.pid`),
      logFile: path.join(runDir, `${name}.log`),
      lockDir: name === 'gateway' ? null : path.join(dataDirOf(env), name),
    };
  });
}

export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * The PID in a PID file, if that process still runs this service's script on this DATA_DIR:
 * what `status` shows and `stop` signals. A PID can be reused after a crash, by another
 * program or by the same service of another data folder; a zombie's PID lingers too. Whether
 * a service runs on these files is the lock's to say (`isBusy`), never this.
 */
export function runningPid(p: Planned): number | null {
  if (!existsSync(p.pidFile)) return null;
  const pid = Number.parseInt(readFileSync(p.pidFile, 'utf8'), 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return null;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const dataDir = `DATA_DIR=${path.dirname(path.dirname(p.pidFile))}`;
    return cmdline.includes(p.script) && environ.includes(dataDir) ? pid : null;
  } catch {
    return null;
  }
}

/** Whether this service already runs on these files: its lock answers (the gateway, with no files: its PID). */
export async function isBusy(p: Planned): Promise<boolean> {
  return p.lockDir ? lockHeld(p.lockDir) : runningPid(p) !== null;
}

/** The node command line of a service: its memory flags (services/shared/memory.ts), then its script. */
export function serviceArgs(script: string): string[] {
  return [...SERVICE_NODE_FLAGS, script];
}

export type Output = 'files' | 'inherit-prefixed';

export function spawnService(p: Planned, env: NodeJS.ProcessEnv, output: Output, detached: boolean): ChildProcess {
  makePrivateDir(path.dirname(p.pidFile), dataDirOf(env));
  const childEnv = { ...env, ...SERVICE_ENV, DATA_DIR: dataDirOf(env) };
  let child: ChildProcess;
  if (output === 'files') {
    // The service writes and rotates its log itself (LOG_FILE, services/shared/http/log-sink.ts);
    // the file is also its stdout and stderr, for start-up failures and crash traces.
    const log = openSync(p.logFile, 'a', 0o600);
    child = spawn(process.execPath, serviceArgs(p.script), { env: { ...childEnv, LOG_FILE: p.logFile }, stdio: ['ignore', log, log], detached });
  } else {
    child = spawn(process.execPath, serviceArgs(p.script), { env: { ...childEnv, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixLines(child, p.name);
  }
  if (detached) child.unref();
  writeFileSync(p.pidFile, `${child.pid}\n`, { mode: 0o600 });
  return child;
}

function prefixLines(child: ChildProcess, name: string): void {
  const label = `[${name}]`.padEnd(15);
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) target.write(`${label} ${line}\n`);
    });
  }
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

export type Health = 'up' | 'degraded' | 'down';

/**
 * What `./startup.sh status` shows: whether the process answers, as itself. The gateway's
 * /health is the aggregate of every service, so its 503 means "a service is down" and the
 * gateway itself is up; for a service, only a 200 is up ("degraded" when it says so).
 */
export async function healthOf(p: Pick<Planned, 'name' | 'url'>): Promise<Health> {
  try {
    const response = await fetch(`${p.url}/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json().catch(() => null)) as { status?: string } | null;
    if (p.name === 'gateway') return response.status === 200 || (response.status === 503 && body !== null) ? 'up' : 'down';
    if (!response.ok) return 'down';
    return body?.status === 'degraded' ? 'degraded' : 'up';
  } catch {
    return 'down';
  }
}

export function removePidFile(p: Planned): void {
  try {
    unlinkSync(p.pidFile);
  } catch {
    // already gone
  }
}

/**
 * Whether `pid` is a process that still runs: a zombie (dead, its parent has not reaped it
 * yet — an init that reaps late) does not, though kill(pid, 0) still succeeds on it.
 */
export function isRunning(pid: number): boolean {
  const state = processState(pid);
  return state !== null && state !== 'Z';
}

/** A process's state letter from /proc (R, S, D, Z, …), or null when there is no such process. */
export function processState(pid: number): string | null {
  try {
    // "pid (comm) S ...": the state follows the last ')' (comm may hold one).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] ?? null;
  } catch {
    return null;
  }
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopPid(pid: number, graceMs = 10_000): Promise<'stopped' | 'killed'> {
  const alive = () => isRunning(pid);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'stopped';
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive()) return 'stopped';
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'stopped'; // it exited between the last check and now
  }
  return 'killed';
}

export function lastLines(file: string, count = 5): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * One line narrower than the terminal: a line that wrapped would not be overwritten by the
 * next "\r", and copies of it would pile up. Names that do not fit become a count.
 */
export function waitingLine(names: string[], elapsedMs: number, columns: number): string {
  const time = ` (${(elapsedMs / 1000).toFixed(1)} s)`;
  const full = `  waiting for ${names.join(', ')}${time}`;
  if (full.length < columns) return full;
  const short = `  waiting for ${names.length} services${time}`;
  return short.length < columns ? short : short.slice(0, Math.max(0, columns - 1));
}
