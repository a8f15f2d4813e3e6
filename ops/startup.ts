// ./startup.sh: start every service, wait until each answers /health, then open the
// menu (default), keep them in the foreground (--services-only), or leave them in the
// background (--detach). Also `stop` and `status`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { ConfigError, readInt } from '../services/shared/config.js';
import { endQuietlyOnClosedPipe } from '../services/shared/closed-pipe.js';
import {
  dataDirOf, healthOf, isBusy, isHealthy, lastLines, plan, portIsFree, PROCESS_NAMES, REPO_ROOT, removePidFile, runningPid, spawnService, stopPid, waitingLine, type Planned,
} from './stack.js';

const HELP = `Usage: ./startup.sh [--detach | --services-only | stop | status | restart <service> | --help]

  (no argument)     start every service, wait until all are healthy, open the menu;
                    the services stop when you leave the menu
  --detach          start every service in the background and return once all are
                    healthy (PID files and logs in DATA_DIR/run/)
  --services-only   run every service in the foreground with prefixed logs; Ctrl-C stops them
  stop              stop the services started with --detach
  status            show each service's PID and health; exit 1 when any is down
  restart <service> stop one service started with --detach and start it again
                    (one of ${PROCESS_NAMES.join(', ')})

Environment: DATA_DIR (default ./data), HOST (default 127.0.0.1), GATEWAY_PORT,
CATALOG_PORT, USERS_PORT, LOANS_PORT, INVENTORY_PORT, ORDERS_PORT, AVAILABILITY_PORT
(defaults 5000-5006), STARTUP_TIMEOUT_MS (default 20000).
`;

class StartupError extends Error {}

/** STARTUP_TIMEOUT_MS, checked like every other variable: a bad value stops startup naming it. */
function startupTimeoutMs(env: NodeJS.ProcessEnv): number {
  return readInt(env, 'STARTUP_TIMEOUT_MS', 20_000, 1, 3_600_000);
}

async function refuseIfBusy(planned: Planned[]): Promise<void> {
  for (const p of planned) {
    if (!(await isBusy(p))) continue;
    const pid = runningPid(p);
    throw new StartupError(`${p.name} is already running${pid ? ` (pid ${pid})` : ` on ${p.lockDir}`}; use ./startup.sh stop or ./startup.sh status`);
  }
  // Two given one port: the second could not listen, and the first would answer its /health.
  for (const p of planned) {
    const first = planned.find((q) => q.port === p.port && q.host === p.host);
    if (first !== p) throw new StartupError(`${first!.name} and ${p.name} are both set to port ${p.port}; give each its own (${p.name.toUpperCase()}_PORT)`);
  }
  for (const p of planned) {
    if (!(await portIsFree(p.host, p.port))) {
      throw new StartupError(`port ${p.port} for ${p.name} is already in use on ${p.host}; stop what holds it or set ${p.name.toUpperCase()}_PORT`);
    }
  }
}

/** `ready`: at start-up every /health must answer 200 (the gateway's too: all behind it are up). */
async function waitAllHealthy(
  planned: Planned[],
  children: Map<string, ChildProcess>,
  timeoutMs: number,
  ready: (p: Planned) => Promise<boolean> = (p) => isHealthy(p.url),
): Promise<number> {
  const started = performance.now();
  const pending = new Set(planned);
  const tty = process.stderr.isTTY;
  while (pending.size > 0) {
    for (const p of pending) {
      const child = children.get(p.name);
      if (child && child.exitCode !== null) {
        throw new StartupError(`${p.name} exited with code ${child.exitCode} while starting:\n${lastLines(p.logFile)}`);
      }
    }
    const results = await Promise.all([...pending].map(async (p) => [p, await ready(p)] as const));
    for (const [p, ok] of results) if (ok) pending.delete(p);
    const elapsed = performance.now() - started;
    if (tty && pending.size > 0) process.stderr.write(`\r${waitingLine([...pending].map((p) => p.name), elapsed, process.stderr.columns || 80)}\x1b[K`);
    if (pending.size > 0 && elapsed > timeoutMs) {
      const names = [...pending].map((p) => `${p.name} (log: ${p.logFile})`).join(', ');
      throw new StartupError(`not healthy after ${timeoutMs} ms: ${names}`);
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 50));
  }
  if (tty) process.stderr.write('\r\x1b[K');
  return performance.now() - started;
}

async function startAll(env: NodeJS.ProcessEnv, detached: boolean, output: 'files' | 'inherit-prefixed') {
  const planned = plan(env);
  const timeoutMs = startupTimeoutMs(env);
  await refuseIfBusy(planned);
  const children = new Map<string, ChildProcess>();
  for (const p of planned) children.set(p.name, spawnService(p, env, output, detached));
  try {
    const ms = await waitAllHealthy(planned, children, timeoutMs);
    process.stderr.write(`all ${planned.length} services healthy in ${(ms / 1000).toFixed(2)} s; gateway at ${planned.at(-1)!.url}\n`);
    return { planned, children };
  } catch (error) {
    await stopPlanned(planned, false);
    throw error;
  }
}

async function stopPlanned(planned: Planned[], report: boolean): Promise<void> {
  const stopOne = async (p: Planned) => {
    const pid = runningPid(p);
    if (!pid) {
      removePidFile(p);
      if (report) process.stdout.write(`  ${p.name.padEnd(13)} not running\n`);
      return;
    }
    const how = await stopPid(pid);
    removePidFile(p);
    if (report) process.stdout.write(`  ${p.name.padEnd(13)} ${how} (pid ${pid})\n`);
  };
  // The gateway first, so nobody is sent to a service that is going away; the services
  // behind it then stop together.
  const gateway = planned.filter((p) => p.name === 'gateway');
  await Promise.all(gateway.map(stopOne));
  await Promise.all(planned.filter((p) => p.name !== 'gateway').map(stopOne));
}

async function status(env: NodeJS.ProcessEnv): Promise<number> {
  const planned = plan(env);
  const health = await Promise.all(planned.map((p) => healthOf(p)));
  planned.forEach((p, i) => {
    const pid = runningPid(p);
    process.stdout.write(`  ${p.name.padEnd(13)} ${health[i].padEnd(9)} ${p.url.padEnd(24)} ${pid ? `pid ${pid}` : existsSync(p.pidFile) ? 'pid file left, its process gone' : 'no pid file'}\n`);
  });
  const down = planned.filter((_, i) => health[i] === 'down').map((p) => p.name);
  if (down.length > 0) process.stderr.write(`startup: down: ${down.join(', ')}\n`);
  return down.length === 0 ? 0 : 1;
}

/** Stops one service by its PID file (if it runs) and starts it again in the background. */
async function restart(env: NodeJS.ProcessEnv, name: string): Promise<number> {
  const p = plan(env).find((q) => q.name === name);
  if (!p) {
    process.stderr.write(`startup: restart: no service "${name}"; one of ${PROCESS_NAMES.join(', ')}\n`);
    return 2;
  }
  const timeoutMs = startupTimeoutMs(env);
  const pid = runningPid(p);
  if (pid) {
    const how = await stopPid(pid);
    process.stderr.write(`  ${p.name} ${how} (pid ${pid})\n`);
  }
  removePidFile(p);
  if (!(await portIsFree(p.host, p.port))) throw new StartupError(`port ${p.port} for ${p.name} is still in use on ${p.host}: something else holds it`);
  const child = spawnService(p, env, 'files', true);
  // Up as itself: a restarted gateway answers 503 while some other service is down.
  const ms = await waitAllHealthy([p], new Map([[p.name, child]]), timeoutMs, async (q) => (await healthOf(q)) !== 'down');
  process.stderr.write(`${p.name} healthy again in ${(ms / 1000).toFixed(2)} s (pid ${child.pid})\n`);
  return 0;
}

/**
 * The menu, until it exits. A hangup (the terminal closed) or a SIGTERM is passed on to it
 * rather than ending this process, so the services (in sessions of their own, which no
 * hangup reaches) are still stopped after it; a second one while they stop is ignored.
 */
function openMenu(gatewayUrl: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const menu = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli', 'main.js')], {
      env: { ...env, LIBRARY_URL: env.LIBRARY_URL || gatewayUrl },
      stdio: 'inherit',
    });
    const passOn = (signal: NodeJS.Signals) => void menu.kill(signal);
    process.on('SIGHUP', passOn);
    process.on('SIGTERM', passOn);
    menu.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

async function main(args: string[]): Promise<number> {
  process.umask(0o077); // PID files and logs under DATA_DIR/run are private, whatever the umask
  const env = { ...process.env, DATA_DIR: dataDirOf(process.env) };
  const mode = args[0] ?? 'menu';
  if (mode === 'restart') {
    if (args.length !== 2) return process.stderr.write(`startup: restart needs one service name\n\n${HELP}`), 2;
    return restart(env, args[1]);
  }
  if (args.length > 1 || !['menu', '--detach', '--services-only', 'stop', 'status', '--help', '-h'].includes(mode)) {
    process.stderr.write(`startup: unknown argument "${args.join(' ')}"\n\n${HELP}`);
    return 2;
  }
  if (mode === '--help' || mode === '-h') return process.stdout.write(HELP), 0;
  if (mode === 'stop') return stopPlanned(plan(env), true).then(() => 0);
  if (mode === 'status') return status(env);
  if (mode === '--detach') {
    await startAll(env, true, 'files');
    process.stderr.write(`logs and PID files in ${path.join(env.DATA_DIR, 'run')}; stop with ./startup.sh stop\n`);
    return 0;
  }
  // Under the menu the services get their own process group, so Ctrl-C reaches only the menu.
  const foreground = mode === '--services-only';
  const { planned } = await startAll(env, !foreground, foreground ? 'inherit-prefixed' : 'files');
  const stop = () => stopPlanned(planned, false);
  if (mode === '--services-only') {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await stop();
    return 0;
  }
  // Ctrl-C belongs to the menu (it cancels an entry, and leaves the menu at its top), every
  // time: with once(), the second Ctrl-C ended startup itself, and the services, in sessions
  // of their own, were left running. We stop them after the menu.
  process.on('SIGINT', () => {});
  const code = await openMenu(planned.at(-1)!.url, env);
  await stop();
  return code;
}

endQuietlyOnClosedPipe([process.stdout]);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`startup: ${error instanceof StartupError || error instanceof ConfigError ? error.message : error.stack}\n`);
    process.exit(1);
  },
);
