// The report: tables on stdout, every figure in bench/results/<timestamp>.json and
// bench/results/latest.json (stable key order, two-space indent, so diffs read well).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatNumber, renderTable } from './stats.js';
import type { BenchResults, ScenarioResult } from './types.js';

const n = formatNumber;

function note(s: ScenarioResult): string {
  if (s.skipped) return `skipped: ${s.skipped}`;
  const parts: string[] = [];
  if (s.cycle) parts.push(`${n(s.cycle.perSecond)} cycles/s, cycle p50 ${n(s.cycle.p50Ms)} ms, p99 ${n(s.cycle.p99Ms)} ms`);
  else if (s.expected > 0 || s.errors > 0) parts.push(`${n(s.okRps)} ok/s`);
  const odd = Object.entries(s.statuses).filter(([code]) => !code.startsWith('2'));
  if (odd.length) parts.push(odd.map(([code, count]) => `${code}×${count}`).join(' '));
  return parts.join('; ');
}

function loadRow(label: string, s: ScenarioResult): string[] {
  if (s.skipped) return [s.name, label, '–', '–', '–', '–', '–', '–', note(s)];
  return [s.name, label, n(s.rps), n(s.p50Ms), n(s.p99Ms), n(s.ok), n(s.expected), n(s.errors), note(s)];
}

export function renderReport(results: BenchResults): string {
  const { settings } = results;
  const out: string[] = [];
  const { machine } = results;
  out.push(`\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadAvg} as the run began.`);
  out.push(`Load: autocannon, ${settings.connections} connections, ${settings.durationS} s per scenario after a ${settings.warmupS} s warm-up; loopback; request log on${settings.loadNice === undefined ? '' : `; the generator ${settings.loadNice} nice levels below the services`}.`);
  out.push('Latency is per HTTP request; errors are unexpected statuses, 5xx, connection errors and timeouts.\n');
  const rows: string[][] = [];
  if (results.reference) rows.push(loadRow('–', results.reference));
  for (const run of results.runs) for (const s of run.scenarios) rows.push(loadRow(n(run.books), s));
  out.push(renderTable(['scenario', 'books', 'req/s', 'p50 ms', 'p99 ms', '2xx', 'expected', 'errors', 'note'], rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left']));

  out.push(cpuTable(results));
  out.push(loopTable(results));
  out.push('Start-up and client (median of the runs in brackets):\n');
  out.push(renderTable(['books', 'setup s', 'all healthy s', 'search index whole s', 'menu shown ms', 'search --json ms', 'missing'],
    results.runs.map((r) => [n(r.books), n(r.seedMs / 1000), r.healthyMs === null ? 'never' : n(r.healthyMs / 1000), r.searchReadyMs == null ? '–' : n(r.searchReadyMs / 1000),
      `${n(r.client.menuMedianMs)} [${r.client.menuMs.map(n).join(', ')}]`,
      `${n(r.client.searchJsonMedianMs)} [${r.client.searchJsonMs.map(n).join(', ')}]`,
      [...r.missing, ...(r.client.error ? [`client: ${r.client.error}`] : [])].join('; ') || '–']),
    ['right', 'right', 'right', 'right', 'left', 'left', 'left']));

  out.push('First /health answer after spawn, ms (the slowest sets "all healthy"):\n');
  const started = [...new Set(results.runs.flatMap((r) => Object.keys(r.readyMs)))];
  out.push(renderTable(['books', ...started], results.runs.map((r) => [n(r.books), ...started.map((name) => n(r.readyMs[name]))]),
    ['right', ...started.map(() => 'right' as const)]));

  const names = [...new Set(results.runs.flatMap((r) => Object.keys(r.memory)))];
  out.push('Memory after the load (RSS / peak RSS, MiB, from /proc/<pid>/status):\n');
  out.push(renderTable(['service', ...results.runs.map((r) => `${n(r.books)} books`)],
    names.map((name) => [name, ...results.runs.map((r) => (r.memory[name] ? `${n(r.memory[name].rssMiB)} / ${n(r.memory[name].peakMiB)}` : '–'))]),
    ['left', ...results.runs.map(() => 'right' as const)]));

  for (const run of results.runs) {
    const st = run.stock;
    if (!st) continue;
    out.push(`Stock check, ${n(run.books)} books: ${st.books} books, ${n(st.initialUnits)} units at start; sold ${n(st.soldByLog)} by the order log, ` +
      `${n(st.soldByAnswers)} by 201 answers, stock fell by ${n(st.stockDrop)}; oversold ${st.oversold}; ${st.consistent ? 'consistent' : `INCONSISTENT${st.detail ? `: ${st.detail}` : ''}`}.`);
  }
  for (const failure of results.failures) out.push(`FAILED: ${failure}`);
  out.push('\nTargets (reported, not asserted):\n');
  out.push(renderTable(['target', 'goal', 'measured', 'result'], results.targets.map((t) => [t.name, t.target, t.actual, t.status.toUpperCase()])));
  return out.join('\n');
}

/** The event loop's delay in each process while each scenario ran: max / p99, ms. */
function loopTable(results: BenchResults): string {
  const measured = results.runs.flatMap((r) => r.scenarios.map((s) => ({ label: n(r.books), s }))).filter(({ s }) => s.loop && Object.keys(s.loop).length > 0);
  const names = [...new Set(measured.flatMap(({ s }) => Object.keys(s.loop!)))];
  const header = 'Event-loop delay during each scenario, by process (max / p99 ms, monitorEventLoopDelay through /metrics):\n';
  return header + '\n' + renderTable(['scenario', 'books', ...names],
    measured.map(({ label, s }) => [s.name, label, ...names.map((name) => (s.loop![name] ? `${n(s.loop![name].maxMs)} / ${n(s.loop![name].p99Ms)}` : '–'))]),
    ['left', 'right', ...names.map(() => 'right' as const)]);
}

/** Where a request's time goes: CPU ms per answered request, per process. */
function cpuTable(results: BenchResults): string {
  const measured = [
    ...(results.reference ? [{ label: '–', s: results.reference }] : []),
    ...results.runs.flatMap((r) => r.scenarios.map((s) => ({ label: n(r.books), s }))),
  ].filter(({ s }) => s.cpuMsPerRequest && Object.keys(s.cpuMsPerRequest).length > 0);
  const names = [...new Set(measured.flatMap(({ s }) => Object.keys(s.cpuMsPerRequest!)))];
  const header = 'CPU ms per request, by process (from /proc/<pid>/stat; steadier than req/s on a shared machine), and the load average:\n';
  return header + '\n' + renderTable(['scenario', 'books', ...names, 'load avg'],
    measured.map(({ label, s }) => [s.name, label, ...names.map((name) => n(s.cpuMsPerRequest![name])), n(s.loadAvg)]),
    ['left', 'right', ...names.map(() => 'right' as const), 'right']);
}

/** bench/results/2025-06-01T10-20-30Z.json and (unless `latest` is false) latest.json; returns the first path. */
export function writeResults(dir: string, results: BenchResults, latest = true): string {
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(results, null, 2) + '\n';
  const stamp = results.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const file = path.join(dir, `${stamp}.json`);
  writeFileSync(file, text);
  if (latest) writeFileSync(path.join(dir, 'latest.json'), text);
  return file;
}
