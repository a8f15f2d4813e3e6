// Every process the benchmark starts is registered here by PID and stopped by PID:
// at the end of a phase, on failure, on Ctrl-C, and (as a last resort, synchronously)
// when the benchmark process exits for any other reason.
import type { ChildProcess } from 'node:child_process';
import { stopPid } from '../ops/stack.js';

const live = new Map<number, string>();

export function track(child: ChildProcess, label: string): number {
  if (child.pid === undefined) throw new Error(`${label}: the process did not start`);
  const pid = child.pid;
  live.set(pid, label);
  child.once('exit', () => live.delete(pid));
  return pid;
}

export function isLive(pid: number): boolean {
  return live.has(pid);
}

/** SIGTERM (so services flush and release their locks), SIGKILL after the grace time. */
export async function stop(pid: number, graceMs = 5000): Promise<void> {
  if (!live.has(pid)) return;
  try {
    await stopPid(pid, graceMs);
  } catch {
    // it exited between the last check and SIGKILL
  }
  live.delete(pid);
}

export async function stopAll(graceMs = 5000): Promise<void> {
  await Promise.all([...live.keys()].map((pid) => stop(pid, graceMs)));
}

let installed = false;

/** Ctrl-C or SIGTERM: stop what we started, then leave with the conventional code. */
export function installSignalHandlers(cleanup: () => Promise<void>): void {
  if (installed) return;
  installed = true;
  let leaving = false;
  const leave = (signal: NodeJS.Signals, code: number) => {
    if (leaving) return;
    leaving = true;
    process.stderr.write(`\nbench: ${signal}: stopping ${live.size} process(es) it started…\n`);
    cleanup().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => leave('SIGINT', 130));
  process.on('SIGTERM', () => leave('SIGTERM', 143));
  process.on('SIGHUP', () => leave('SIGHUP', 129));
  process.on('exit', () => {
    // Nothing async runs here any more: whatever is still alive gets SIGKILL.
    for (const pid of live.keys()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}
