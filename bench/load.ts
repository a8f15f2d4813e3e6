// Runs one scenario with autocannon — a short warm-up (JIT, keep-alive sockets), then
// the measured run — and turns the result into the report's figures.
import autocannon, { type Instance, type Result } from 'autocannon';
import { getPriority, loadavg, setPriority } from 'node:os';
import { cpuSecondsOf } from './stack-runner.js';
import type { Scenario } from './scenarios.js';
import { percentile, round } from './stats.js';
import type { ScenarioResult, StatusCounts } from './types.js';

export interface LoadSettings {
  durationS: number;
  warmupS: number;
  connections: number;
  /** Nice levels below the services the generator fires at (LOAD_NICE unless BENCH_LOAD_NICE says). */
  loadNice?: number;
}

let current: Instance | null = null;

/** Ctrl-C: the run in progress ends now (its clients close their sockets). */
export function stopLoad(): void {
  current?.stop();
}

/**
 * How much lower than the services the load generator runs while it fires. It runs in this
 * process, on the same cores as the services it loads: at equal priority a service that
 * wakes for a timer waits behind it for a core, and the wait reads as that service's
 * event-loop pause (bench/loop-delay.ts shows the wait). In use, the load comes over the
 * network from other machines. The nice value is per thread on Linux, and autocannon runs
 * on this main thread; it goes back to normal before anything else (a service's restart,
 * which would inherit it) runs.
 */
export const LOAD_NICE = 10;

/**
 * Raising the priority back needs root (CAP_SYS_NICE): without it the generator would stay
 * low and every service started after the first row would inherit it, so it is not lowered.
 */
export const canRenice = process.getuid?.() === 0;

export async function atLowPriority<T>(run: () => Promise<T>, nice = LOAD_NICE): Promise<T> {
  const normal = getPriority();
  if (canRenice) setPriority(Math.min(19, normal + nice));
  try {
    return await run();
  } finally {
    if (canRenice) setPriority(normal);
  }
}

function fire(scenario: Scenario, settings: LoadSettings, durationS: number): Promise<Result> {
  const { connections } = settings;
  return atLowPriority(async () => {
    current = autocannon({ ...scenario.options(connections), connections, duration: durationS, timeout: 10 });
    try {
      return await current;
    } finally {
      current = null;
    }
  }, settings.loadNice);
}

/**
 * runScenario, but never longer than its warm-up and run plus `graceMs`: a row whose
 * requests hang (a service stalled for everyone) ends as skipped instead of holding up the
 * whole benchmark.
 */
export async function runBounded(scenario: Scenario, settings: LoadSettings, pids: ReadonlyMap<string, number>, graceMs = 60_000): Promise<ScenarioResult> {
  const limitMs = (settings.warmupS + settings.durationS) * 1000 + graceMs;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ScenarioResult>((resolve) => {
    timer = setTimeout(() => {
      stopLoad();
      resolve(skipped(scenario, `not finished within ${Math.round(limitMs / 1000)} s`));
    }, limitMs);
  });
  try {
    return await Promise.race([runScenario(scenario, settings, pids).catch((error: Error) => skipped(scenario, `failed: ${error.message.slice(0, 200)}`)), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `pids`: processes whose CPU time per request to report. On a shared machine throughput
 * moves with the neighbours' load; CPU milliseconds per request barely do, and they say
 * which process a request's time goes to.
 */
export async function runScenario(scenario: Scenario, settings: LoadSettings, pids: ReadonlyMap<string, number> = new Map()): Promise<ScenarioResult> {
  if (settings.warmupS > 0) await fire(scenario, settings, settings.warmupS);
  await scenario.tidy?.();
  scenario.cycles?.splice(0);
  const loadAvg = loadavg()[0];
  const before = cpuSnapshot(pids);
  const result = await fire(scenario, settings, settings.durationS);
  const used = cpuUsed(before, cpuSnapshot(pids));
  const summary = summarise(scenario, settings.connections, result);
  const answered = summary.ok + summary.expected + summary.errors;
  await scenario.tidy?.();
  return { ...summary, loadAvg: round(loadAvg), cpuMsPerRequest: perRequest(used, answered, result.duration) };
}

function cpuSnapshot(pids: ReadonlyMap<string, number>): Map<string, number> {
  const snapshot = new Map<string, number>();
  for (const [name, pid] of pids) {
    const seconds = cpuSecondsOf(pid);
    if (seconds !== null) snapshot.set(name, seconds);
  }
  const self = process.cpuUsage();
  snapshot.set('load generator', (self.user + self.system) / 1e6);
  return snapshot;
}

function cpuUsed(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const used = new Map<string, number>();
  for (const [name, seconds] of after) if (before.has(name)) used.set(name, seconds - before.get(name)!);
  return used;
}

/** Milliseconds of CPU per answered request, for processes busy at least 2% of the run. */
export function perRequest(used: ReadonlyMap<string, number>, answered: number, durationS: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (answered === 0) return out;
  for (const [name, seconds] of used) if (seconds >= 0.02 * durationS) out[name] = round((seconds * 1000) / answered);
  return out;
}

export function summarise(scenario: Pick<Scenario, 'key' | 'name' | 'expected' | 'cycles'>, connections: number, result: Result): ScenarioResult {
  const statuses: StatusCounts = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = count;
  return countStatuses(scenario, connections, result.duration, statuses, result.errors, result.latency.p50, result.latency.p99);
}

/** The pure half of summarise: statuses split into ok, expected refusals and errors. */
export function countStatuses(
  scenario: Pick<Scenario, 'key' | 'name' | 'expected' | 'cycles'>,
  connections: number,
  durationS: number,
  statuses: StatusCounts,
  connectionErrors: number,
  p50Ms: number,
  p99Ms: number,
): ScenarioResult {
  let answered = 0;
  let ok = 0;
  let expected = 0;
  for (const [code, count] of Object.entries(statuses)) {
    answered += count;
    if (code.startsWith('2')) ok += count;
    else if (scenario.expected.includes(Number(code))) expected += count;
  }
  const cycles = scenario.cycles;
  return {
    key: scenario.key,
    name: scenario.name,
    connections,
    durationS: round(durationS),
    rps: round(answered / durationS),
    okRps: round(ok / durationS),
    p50Ms: p50Ms,
    p99Ms: p99Ms,
    ok,
    expected,
    errors: answered - ok - expected + connectionErrors,
    statuses,
    ...(cycles
      ? { cycle: { count: cycles.length, perSecond: round(cycles.length / durationS), p50Ms: round(percentile(cycles, 50)), p99Ms: round(percentile(cycles, 99)) } }
      : {}),
  };
}

export function skipped(scenario: Pick<Scenario, 'key' | 'name'>, why: string): ScenarioResult {
  return { key: scenario.key, name: scenario.name, skipped: why, connections: 0, durationS: 0, rps: 0, okRps: 0, p50Ms: 0, p99Ms: 0, ok: 0, expected: 0, errors: 0, statuses: {} };
}
