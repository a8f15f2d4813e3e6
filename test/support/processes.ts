// Real service processes for tests that kill, stop or restart them. Each listens on a
// free loopback port, logs to a file in the data folder, and is stopped by its PID.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRunning, serviceArgs, serviceScript } from '../../ops/stack.js';
import { DEFAULT_PORTS, envName, type ProcessName } from '../../services/shared/config.js';
import { SERVICE_ENV } from '../../services/shared/memory.js';
import { freePorts, TEST_SECRET } from './http.js';
import { nonReapingParent, type NonReapingParent } from './non-reaping-parent.js';

export { serviceScript };
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ALL_PROCESSES = Object.keys(DEFAULT_PORTS) as ProcessName[];

export interface ServiceProcess {
  name: ProcessName;
  url: string;
  pid: number;
  /** Started under a parent that never reaps it: once killed it stays a zombie until the next start is up. */
  unreaped: boolean;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit: a crash at whatever moment it is. */
  kill9(): Promise<void>;
  /** Starts it again on the same port and data (under the same kind of parent unless told). */
  restart(options?: StartOptions): Promise<ServiceProcess>;
}

export interface StartOptions {
  /**
   * Under a parent that never reaps (test/support/non-reaping-parent.ts), as a supervisor or
   * container init that reaps late: killed, the process stays a zombie, its PID taken, until
   * the process restart() starts is up — which must not care (the lock decides, store/lock.ts).
   */
  unreaped?: boolean;
}

/** Environment naming free ports for every process, so services find each other. */
export async function stackEnv(dataDir: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LIBRARY_SECRET: TEST_SECRET,
    LOG_REQUESTS: '1',
    NO_COLOR: '1',
    // Tests register many members from one address through the gateway; the throttle's
    // own tests set the defaults back (an empty value is the default).
    REGISTRATIONS_PER_ADDRESS: '100000',
  };
  const ports = await freePorts(ALL_PROCESSES.length);
  ALL_PROCESSES.forEach((name, i) => {
    env[envName(name, 'PORT')] = String(ports[i]);
    env[envName(name, 'URL')] = `http://127.0.0.1:${ports[i]}`;
  });
  return { ...env, ...extra };
}

export async function startProcess(name: ProcessName, env: Record<string, string>, options: StartOptions = {}): Promise<ServiceProcess> {
  const url = env[envName(name, 'URL')];
  const logFile = path.join(env.DATA_DIR, `${name}.test.log`);
  const args = serviceArgs(serviceScript(name));
  const childEnv = { ...process.env, ...SERVICE_ENV, ...env };
  let pid: number;
  let exited: () => boolean;
  let parent: NonReapingParent | null = null;
  let exitedWith = 'an unknown status'; // a child's exit code; a non-reaping parent's zombie tells none
  if (options.unreaped) {
    parent = await nonReapingParent('"$0" "$@" >>"$LIBRARY_TEST_LOG" 2>&1 & echo "service $!"', [process.execPath, ...args], { ...childEnv, LIBRARY_TEST_LOG: logFile });
    pid = Number(/service (\d+)/.exec(parent.output)![1]);
    exited = () => !isRunning(pid); // gone or a zombie
  } else {
    const out = openSync(logFile, 'a');
    const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', out, out] });
    pid = child.pid!;
    let done = false;
    child.once('exit', (code, signal) => {
      done = true;
      exitedWith = String(code ?? signal);
    });
    exited = () => done;
  }
  try {
    await waitForHealth(name, url, () => (exited() ? exitedWith : null), logFile);
  } catch (error) {
    await stopPid(pid, exited, 'SIGKILL');
    await parent?.close();
    throw error;
  }
  return {
    name,
    url,
    pid,
    unreaped: parent !== null,
    async stop() {
      await stopPid(pid, exited, 'SIGTERM');
      await parent?.close();
    },
    // The parent stays: it keeps the zombie until the next start is up.
    kill9: () => stopPid(pid, exited, 'SIGKILL'),
    async restart(next = options) {
      try {
        return await startProcess(name, env, next);
      } finally {
        await parent?.close();
      }
    },
  };
}

async function stopPid(pid: number, exited: () => boolean, signal: NodeJS.Signals): Promise<void> {
  if (exited()) return;
  try {
    process.kill(pid, signal);
  } catch {
    return; // gone already
  }
  await waitUntil(exited, `pid ${pid} to exit on ${signal}`, 120_000);
}

/** Starts them together; if one fails to start, the others are stopped before the error is thrown. */
export async function startStack(names: ProcessName[], env: Record<string, string>): Promise<Map<ProcessName, ServiceProcess>> {
  const outcomes = await Promise.allSettled(names.map((name) => startProcess(name, env)));
  const started = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) {
    await stopAll(started);
    throw failed.reason;
  }
  return new Map(started.map((p) => [p.name, p]));
}

export async function stopAll(processes: Iterable<ServiceProcess>): Promise<void> {
  await Promise.all([...processes].map((p) => p.stop()));
}

/** Polls until `check()` holds; throws naming `what` after `timeoutMs` (generous: machines are slow). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * One round of a crash test: waits until `enough()` holds while `writers` run (writers go on
 * until their process dies), however slow the machine — never a fixed time and a rate — then
 * a random moment more (up to `jitterMs`), then kill -9. Resolves to the writers' results once
 * all have ended, rethrowing a writer's error.
 */
export async function killWhen<T>(proc: ServiceProcess, writers: Promise<T>[], enough: () => boolean, what: string, jitterMs: number): Promise<T[]> {
  let ended = false;
  const all = Promise.all(writers);
  all.then(
    () => (ended = true),
    () => (ended = true),
  );
  await waitUntil(() => ended || enough(), what);
  if (!ended) await new Promise((r) => setTimeout(r, Math.random() * jitterMs));
  await proc.kill9();
  const results = await all;
  if (!enough()) throw new Error(`every writer stopped before ${what}`);
  return results;
}

/**
 * `exited`: how the process ended, or null while it runs. Up means a 200 from a process that
 * says it is `name`: another one answering on that port (this one could not listen there)
 * must not pass for it.
 */
async function waitForHealth(name: ProcessName, url: string, exited: () => string | null, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = exited();
    if (status !== null) throw new Error(`${url} exited with ${status} before answering; see ${logFile}`);
    let answered: string | undefined;
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await response.json().catch(() => null)) as { service?: unknown } | null;
      // The gateway's /health is 503 while a service behind it is down (as ops/stack.ts
      // healthOf reads it): the gateway itself is up.
      if (response.ok || (name === 'gateway' && response.status === 503)) answered = String(body?.service);
    } catch {
      // not up yet
    }
    if (answered === name) return;
    if (answered !== undefined) throw new Error(`${url} answers /health as ${answered}, not ${name}: the port is taken; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer /health within ${timeoutMs} ms; see ${logFile}`);
}
