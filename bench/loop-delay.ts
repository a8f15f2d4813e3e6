// The event loop's delay in every service while a scenario runs: prom-client's
// monitorEventLoopDelay histogram (nodejs_eventloop_lag_max_seconds, _p99_seconds), read
// from each service's /metrics before the scenario (which resets it) and after.
//
// Two things to know when reading max: it is the time between two ticks of the monitor's
// 10 ms timer, so an idle loop reads about 10 and a pause of P reads P to P + 10; and a
// process that was ready to run but given no core (two cores, the load generator and the
// loaded services busy) reads as a pause too. waitMs says how long the main thread sat in
// the run queue during the row (/proc/<pid>/schedstat), so a delay made of waiting for a
// core can be told from one made of work.
import { readFileSync } from 'node:fs';
import type { Stack } from './stack-runner.js';

export interface LoopDelay {
  maxMs: number;
  p99Ms: number;
  /** The main thread's time runnable but not running since the last read, ms (Linux only). */
  waitMs?: number;
}

/** The run-queue wait, ns, in /proc/<pid>/schedstat's text ("<run ns> <wait ns> <slices>"); null if unreadable. */
export function runQueueNs(schedstat: string): number | null {
  const fields = schedstat.trim().split(/\s+/);
  const wait = fields.length === 3 ? Number(fields[1]) : NaN;
  return Number.isFinite(wait) ? wait : null;
}

const lastWait = new Map<number, number>();

/** The process's run-queue wait since the last call for this PID, ms; undefined the first time or when unreadable. */
function waitSinceLast(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let now: number | null;
  try {
    now = runQueueNs(readFileSync(`/proc/${pid}/schedstat`, 'utf8'));
  } catch {
    now = null;
  }
  if (now === null) return undefined;
  const before = lastWait.get(pid);
  lastWait.set(pid, now);
  return before === undefined ? undefined : Math.round((now - before) / 1e5) / 10;
}

/** One service's delay since it was last read; reading resets prom-client's histogram. */
async function loopDelay(url: string): Promise<LoopDelay | null> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const value = (name: string) => Number(/^(\S+)(?:\{[^}]*\})? (\S+)$/m.exec(text.split('\n').filter((l) => l.startsWith(name)).join('\n'))?.[2] ?? NaN);
    const maxMs = value('nodejs_eventloop_lag_max_seconds') * 1000;
    const p99Ms = value('nodejs_eventloop_lag_p99_seconds') * 1000;
    return Number.isFinite(maxMs) ? { maxMs: Math.round(maxMs * 10) / 10, p99Ms: Math.round(p99Ms * 10) / 10 } : null;
  } catch {
    return null;
  }
}

/** Every running process's delay since the last call. */
export async function loopDelays(stack: Stack): Promise<Record<string, LoopDelay>> {
  const out: Record<string, LoopDelay> = {};
  for (const name of stack.up) {
    const delay = await loopDelay(stack.url(name));
    const waitMs = waitSinceLast(stack.pids.get(name));
    if (delay) out[name] = waitMs === undefined ? delay : { ...delay, waitMs };
  }
  return out;
}

/** The service whose loop waited longest, and how long. */
export function worstDelay(loop: Record<string, LoopDelay> | undefined): [string, LoopDelay] | undefined {
  return Object.entries(loop ?? {}).sort((a, b) => b[1].maxMs - a[1].maxMs)[0];
}
