// The targets the benchmark reports against. Pure: figures in, pass/miss out. They are
// reported, never asserted: a slow machine must not fail a build.
import { formatNumber } from './stats.js';
import { CLIENT_PASS } from './scenarios.js';
import type { ScenarioResult, SizeRun, TargetResult } from './types.js';

export const TARGETS = {
  searchRpsSmall: 5000,
  searchRpsLarge: 1000,
  purchasesPerS: 500,
  borrowReturnP50Ms: 20,
  writeRatio: 2,
  rssMiB: 150,
  healthyMs: 3000,
  searchJsonMs: 700,
  loopDelayMs: 50,
} as const;

const books = (run: SizeRun) => `${formatNumber(run.books)} books`;
const scenario = (run: SizeRun, key: string): ScenarioResult | undefined => run.scenarios.find((s) => s.key === key && !s.skipped);
/** A client's figures: the row's second pass at the services' priority when it ran (CLIENT_PASS), else the row. */
export const clientView = (run: SizeRun, key: string): ScenarioResult | undefined => scenario(run, key + CLIENT_PASS.keySuffix) ?? scenario(run, key);
/** Errors in either pass of a row: a second pass that went well does not hide a first that did not. */
const errorsOf = (run: SizeRun, key: string): number => (scenario(run, key)?.errors ?? 0) + (scenario(run, key + CLIENT_PASS.keySuffix)?.errors ?? 0);
/** Both sides of a ratio from one pass: the second when both sizes have it, else the first. */
function samePass(a: SizeRun, b: SizeRun, key: string): [ScenarioResult | undefined, ScenarioResult | undefined] {
  const second = key + CLIENT_PASS.keySuffix;
  return scenario(a, second) && scenario(b, second) ? [scenario(a, second), scenario(b, second)] : [scenario(a, key), scenario(b, key)];
}

function verdict(name: string, target: string, actual: string | null, pass: boolean): TargetResult {
  return actual === null ? { name, target, actual: 'not measured', status: 'n/a' } : { name, target, actual, status: pass ? 'pass' : 'miss' };
}

export function evaluateTargets(runs: SizeRun[]): TargetResult[] {
  if (runs.length === 0) return [];
  const small = runs[0];
  const large = runs[runs.length - 1];
  const out: TargetResult[] = [];

  const s = clientView(small, 'search-gateway');
  const sErrors = errorsOf(small, 'search-gateway');
  out.push(verdict(`search via gateway, ${books(small)}`, `≥ ${formatNumber(TARGETS.searchRpsSmall)} req/s, 0 errors`,
    s ? `${formatNumber(s.rps)} req/s, ${sErrors} errors` : null, !!s && s.rps >= TARGETS.searchRpsSmall && sErrors === 0));
  const l = clientView(large, 'search-gateway');
  if (runs.length > 1) out.push(verdict(`search via gateway, ${books(large)}`, `≥ ${formatNumber(TARGETS.searchRpsLarge)} req/s`,
    l ? `${formatNumber(l.rps)} req/s, ${errorsOf(large, 'search-gateway')} errors` : null, !!l && l.rps >= TARGETS.searchRpsLarge));

  for (const run of runs) {
    const p = clientView(run, 'purchase');
    const stock = run.stock;
    out.push(verdict(`durable purchases, ${books(run)}`, `≥ ${TARGETS.purchasesPerS}/s, 0 oversold`,
      p && stock ? `${formatNumber(p.okRps)}/s, ${stock.oversold} oversold${stock.consistent ? '' : ', stock and order log disagree'}` : null,
      !!p && !!stock && p.okRps >= TARGETS.purchasesPerS && stock.oversold === 0 && stock.consistent));
  }
  for (const run of runs) {
    const b = clientView(run, 'borrow-return');
    const p50 = b?.cycle?.p50Ms;
    out.push(verdict(`borrow + return p50, ${books(run)}`, `< ${TARGETS.borrowReturnP50Ms} ms per cycle`,
      b && p50 !== undefined && Number.isFinite(p50) ? `${formatNumber(p50)} ms` : null, (p50 ?? Infinity) < TARGETS.borrowReturnP50Ms));
  }
  if (runs.length > 1) {
    const [a, b] = samePass(small, large, 'purchase');
    const ratio = a && b && b.okRps > 0 ? a.okRps / b.okRps : null;
    out.push(verdict(`purchases ${books(large)} vs ${books(small)}`, `within ${TARGETS.writeRatio}x`,
      ratio === null ? null : `${formatNumber(b!.okRps)}/s vs ${formatNumber(a!.okRps)}/s (factor ${formatNumber(ratio)})`, ratio !== null && ratio <= TARGETS.writeRatio));
  }
  const memory = Object.entries(large.memory);
  const worst = memory.sort((x, y) => y[1].rssMiB - x[1].rssMiB)[0];
  out.push(verdict(`memory per service, ${books(large)}`, `each < ${TARGETS.rssMiB} MB RSS`,
    worst ? `largest: ${worst[0]} ${formatNumber(worst[1].rssMiB)} MiB` : null, !!worst && worst[1].rssMiB < TARGETS.rssMiB));
  for (const run of runs) {
    out.push(verdict(`all healthy after start, ${books(run)}`, `within ${TARGETS.healthyMs / 1000} s`,
      run.healthyMs === null ? (run.missing.length ? `never (${run.missing.join(', ')})` : null) : `${formatNumber(run.healthyMs / 1000)} s`,
      run.healthyMs !== null && run.healthyMs <= TARGETS.healthyMs));
  }
  for (const run of runs) {
    // The longest any service's event loop waited during any scenario of the run (a second
    // pass left out: its generator competes with the services for the cores on purpose).
    const worst = run.scenarios
      .filter((s) => !s.clientPass)
      .flatMap((s) => Object.entries(s.loop ?? {}).map(([service, d]) => ({ service, scenario: s.name, maxMs: d.maxMs })))
      .sort((a, b) => b.maxMs - a.maxMs)[0];
    out.push(verdict(`event-loop pause, any service and scenario, ${books(run)}`, `none over ${TARGETS.loopDelayMs} ms`,
      worst ? `${worst.service} ${formatNumber(worst.maxMs)} ms (${worst.scenario})` : null, !!worst && worst.maxMs <= TARGETS.loopDelayMs));
  }
  for (const run of runs) {
    const ms = run.client.searchJsonMedianMs;
    out.push(verdict(`library search --json, ${books(run)}`, `< ${TARGETS.searchJsonMs} ms (median)`, ms === null ? null : `${formatNumber(ms)} ms`, ms !== null && ms < TARGETS.searchJsonMs));
  }
  return out;
}
