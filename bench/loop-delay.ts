// The event loop's delay in every service while a scenario runs: prom-client's
// monitorEventLoopDelay histogram (nodejs_eventloop_lag_max_seconds, _p99_seconds), read
// from each service's /metrics before the scenario (which resets it) and after.
import type { Stack } from './stack-runner.js';

export interface LoopDelay {
  maxMs: number;
  p99Ms: number;
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
    if (delay) out[name] = delay;
  }
  return out;
}

/** The service whose loop waited longest, and how long. */
export function worstDelay(loop: Record<string, LoopDelay> | undefined): [string, LoopDelay] | undefined {
  return Object.entries(loop ?? {}).sort((a, b) => b[1].maxMs - a[1].maxMs)[0];
}
