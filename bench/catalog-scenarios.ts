// The catalog's own rows: one- and two-character queries (answered from per-block counts,
// never from the answer cache), the first and the deepest page of a large answer, a mix of
// distinct queries that would fill an unbounded answer cache (the catalog's RSS is read
// after the load), and the classic /info form beside book details. Their targets, with
// search through the gateway against the bare node:http reference, are in catalogTargets.
import { FIRST_NAMES, SURNAMES, TITLE_WORDS } from './books-csv.js';
import type { RunContext, Scenario } from './scenarios.js';
import { formatNumber } from './stats.js';
import type { ScenarioResult, SizeRun, TargetResult } from './types.js';

export const CATALOG_TARGETS = { shortP99Ms: 20, deepPageFactor: 2, catalogRssMiB: 150, infoFactor: 1.5, gatewayShare: 0.25 } as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Every two-letter query: far more than a cache would hold if short answers were cached. */
const TWO_LETTERS = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b));

/** Distinct queries of 3–5 characters cut from the words and names the data set uses, at varied offsets. */
function mixedQueries(): string[] {
  const words = [...TITLE_WORDS, ...FIRST_NAMES, ...SURNAMES];
  const out: string[] = [];
  for (const word of words) for (let at = 0; at + 3 <= word.length; at++) for (const length of [3, 4, 5]) if (at + length <= word.length) out.push(word.slice(at, at + length));
  return [...new Set(out)];
}

async function totalOf(catalog: string, q: string): Promise<number> {
  const reply = await fetch(`${catalog}/books?q=${encodeURIComponent(q)}&limit=1`);
  return ((await reply.json()) as { total: number }).total;
}

function rotating(key: string, name: string, base: string, paths: string[] | ((i: number) => string), needs: Scenario['needs'] = ['catalog']): Scenario {
  const pathOf = typeof paths === 'function' ? paths : (i: number) => paths[i % paths.length];
  return {
    key,
    name,
    needs,
    url: base,
    expected: [],
    options: () => {
      let i = 0;
      return { url: base, requests: [{ setupRequest: (r) => ({ ...r, path: pathOf(i++) }) }] };
    },
  };
}

export async function catalogScenarios(ctx: RunContext): Promise<Scenario[]> {
  const direct = ctx.catalog;
  const word = 'data';
  const [letterTotal, wordTotal] = await Promise.all([totalOf(direct, 'a'), totalOf(direct, word)]);
  const deepest = (total: number) => Math.max(0, total - 100);
  const mix = mixedQueries();
  const stride = (n: number) => 1 + ((n * 7919) % ctx.books);
  const page = (q: string, offset: number) => [`/books?q=${q}&limit=100&offset=${offset}`];
  return [
    rotating('short-queries', 'two-letter queries, uncached (catalog)', direct, TWO_LETTERS.map((q) => `/books?q=${q}`)),
    rotating('page-first-letter', 'q=a, first page of 100 (catalog)', direct, page('a', 0)),
    rotating('page-deep-letter', `q=a, deepest page (offset ${formatNumber(deepest(letterTotal))})`, direct, page('a', deepest(letterTotal))),
    rotating('page-first-word', `q=${word}, first page of 100 (catalog)`, direct, page(word, 0)),
    rotating('page-deep-word', `q=${word}, deepest page (offset ${formatNumber(deepest(wordTotal))})`, direct, page(word, deepest(wordTotal))),
    rotating('query-mix', `${mix.length} distinct queries at varied offsets (catalog)`, direct, mix.map((q, i) => `/books?q=${q}&offset=${(i * 37) % 200}`)),
    // The same stride through the catalog as the book details row, so neither is one cached book.
    rotating('info', 'classic /api/info/:id', ctx.gateway, (n) => `/api/info/bk-${stride(n)}`, ['gateway', 'catalog', 'inventory']),
  ];
}

const found = (run: SizeRun, key: string): ScenarioResult | undefined => run.scenarios.find((s) => s.key === key && !s.skipped);
const books = (run: SizeRun) => `${formatNumber(run.books)} books`;

function verdict(name: string, target: string, actual: string | null, pass: boolean): TargetResult {
  return actual === null ? { name, target, actual: 'not measured', status: 'n/a' } : { name, target, actual, status: pass ? 'pass' : 'miss' };
}

export function catalogTargets(runs: SizeRun[], reference: ScenarioResult | null): TargetResult[] {
  if (runs.length === 0) return [];
  const large = runs[runs.length - 1];
  const t = CATALOG_TARGETS;
  const out: TargetResult[] = [];
  const short = found(large, 'short-queries');
  out.push(verdict(`two-letter queries p99, ${books(large)}`, `< ${t.shortP99Ms} ms`, short ? `${formatNumber(short.p99Ms)} ms (${formatNumber(short.rps)} req/s)` : null, !!short && short.p99Ms < t.shortP99Ms));
  for (const kind of ['letter', 'word']) {
    const first = found(large, `page-first-${kind}`);
    const deep = found(large, `page-deep-${kind}`);
    const factor = first && deep && deep.rps > 0 ? first.rps / deep.rps : null;
    out.push(verdict(`deepest page vs first (${first?.name.split(',')[0] ?? kind}), ${books(large)}`, `within ${t.deepPageFactor}x`,
      factor === null ? null : `${formatNumber(deep!.rps)} vs ${formatNumber(first!.rps)} req/s (factor ${formatNumber(factor)})`, factor !== null && factor <= t.deepPageFactor));
  }
  const rss = large.memory.catalog;
  out.push(verdict(`catalog RSS after the load and the query mix, ${books(large)}`, `< ${t.catalogRssMiB} MiB`, rss ? `${formatNumber(rss.rssMiB)} MiB` : null, !!rss && rss.rssMiB < t.catalogRssMiB));
  for (const run of runs) {
    const info = found(run, 'info');
    const details = found(run, 'details');
    const factor = info && details && info.rps > 0 ? details.rps / info.rps : null;
    out.push(verdict(`/api/info/:id vs book details, ${books(run)}`, `within ${t.infoFactor}x`,
      factor === null ? null : `${formatNumber(info!.rps)} vs ${formatNumber(details!.rps)} req/s (factor ${formatNumber(factor)})`, factor !== null && factor <= t.infoFactor));
  }
  for (const run of runs) {
    // The first pass: like the reference, its generator fires at the run's nice level.
    const search = found(run, 'search-gateway');
    const share = search && reference && reference.rps > 0 ? search.rps / reference.rps : null;
    out.push(verdict(`search via gateway vs bare node:http, ${books(run)}`, `≥ ${t.gatewayShare}x`,
      share === null ? null : `${formatNumber(search!.rps)} vs ${formatNumber(reference!.rps)} req/s (${formatNumber(share)}x)`, share !== null && share >= t.gatewayShare));
  }
  return out;
}
