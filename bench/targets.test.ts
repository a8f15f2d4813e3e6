import assert from 'node:assert/strict';
import { countStatuses, skipped } from './load.js';
import { evaluateTargets } from './targets.js';
import type { ScenarioResult, SizeRun } from './types.js';

describe('countStatuses()', () => {
  const purchase = { key: 'purchase', name: 'purchase', expected: [409] };

  it('splits answers into ok, expected refusals and errors', () => {
    const r = countStatuses(purchase, 10, 5, { '201': 2500, '409': 40, '500': 3, '422': 1 }, 2, 12, 40);
    assert.deepEqual([r.ok, r.expected, r.errors], [2500, 40, 6]); // 500 + 422 + 2 connection errors
    assert.equal(r.rps, 509); // 2544 answers in 5 s, whole numbers from 100 up
    assert.equal(r.okRps, 500);
  });

  it('times whole cycles from the samples it is given', () => {
    const r = countStatuses({ ...purchase, cycles: [10, 20, 30, 40] }, 10, 2, { '201': 4, '200': 4 }, 0, 5, 9);
    assert.deepEqual(r.cycle, { count: 4, perSecond: 2, p50Ms: 20, p99Ms: 40 });
  });
});

function scenario(key: string, figures: Partial<ScenarioResult>): ScenarioResult {
  return { ...countStatuses({ key, name: key, expected: [] }, 10, 5, {}, 0, 0, 0), ...figures };
}

function run(books: number, figures: { search: number; purchases: number; cycleP50: number; rss: number; healthy: number | null; loopMs?: number }): SizeRun {
  return {
    books,
    seedMs: 100,
    healthyMs: figures.healthy,
    readyMs: {},
    searchReadyMs: null,
    missing: figures.healthy === null ? ['loans (exited with code 1)'] : [],
    scenarios: [
      scenario('search-gateway', { rps: figures.search, loop: { catalog: { maxMs: figures.loopMs ?? 20, p99Ms: 5 }, gateway: { maxMs: 12, p99Ms: 4 } } }),
      scenario('purchase', { okRps: figures.purchases }),
      scenario('borrow-return', { cycle: { count: 9, perSecond: 50, p50Ms: figures.cycleP50, p99Ms: 40 } }),
    ],
    memory: { catalog: { rssMiB: figures.rss, peakMiB: figures.rss } },
    client: { menuMs: [300], menuMedianMs: 300, searchJsonMs: [400], searchJsonMedianMs: 400 },
    stock: { books: 21, initialUnits: 100, soldByLog: 10, soldByAnswers: 10, stockDrop: 10, oversold: 0, consistent: true },
  };
}

describe('evaluateTargets()', () => {
  it('passes figures that meet every target', () => {
    const results = evaluateTargets([
      run(1000, { search: 6000, purchases: 800, cycleP50: 8, rss: 90, healthy: 1200 }),
      run(100_000, { search: 1500, purchases: 600, cycleP50: 9, rss: 140, healthy: 2500 }),
    ]);
    assert.deepEqual(results.filter((t) => t.status !== 'pass'), []);
  });

  it('misses each figure that falls short, and says by how much', () => {
    const results = evaluateTargets([
      run(1000, { search: 4000, purchases: 800, cycleP50: 25, rss: 90, healthy: 1200 }),
      run(100_000, { search: 900, purchases: 300, cycleP50: 9, rss: 160, healthy: null, loopMs: 67.5 }),
    ]);
    const missed = results.filter((t) => t.status === 'miss').map((t) => t.name);
    assert.deepEqual(missed, [
      'search via gateway, 1,000 books',
      'search via gateway, 100,000 books',
      'durable purchases, 100,000 books',
      'borrow + return p50, 1,000 books',
      'purchases 100,000 books vs 1,000 books',
      'memory per service, 100,000 books',
      'all healthy after start, 100,000 books',
      'event-loop pause, any service and scenario, 100,000 books',
    ]);
    assert.equal(results.find((t) => t.name.startsWith('event-loop pause, any service and scenario, 100'))!.actual, 'catalog 67.5 ms (search-gateway)');
    assert.match(results.find((t) => t.name.startsWith('purchases 100'))!.actual, /factor 2\.67/);
  });

  it('reads a client\'s figures from the second pass at the services\' priority, and its event-loop delay not at all', () => {
    const small = run(1000, { search: 4000, purchases: 300, cycleP50: 25, rss: 90, healthy: 1200 });
    small.scenarios.push(
      scenario('search-gateway:client', { rps: 6000, clientPass: true, loop: { gateway: { maxMs: 80, p99Ms: 30 } } }),
      scenario('purchase:client', { okRps: 800, clientPass: true }),
      scenario('borrow-return:client', { cycle: { count: 9, perSecond: 90, p50Ms: 12, p99Ms: 30 }, clientPass: true }),
    );
    const results = evaluateTargets([small]);
    assert.deepEqual(results.filter((t) => t.status !== 'pass').map((t) => t.name), []);
    assert.equal(results.find((t) => t.name.startsWith('borrow'))!.actual, '12 ms');
    assert.equal(results.find((t) => t.name.startsWith('event-loop'))!.actual, 'catalog 20 ms (search-gateway)');
  });

  it('counts the errors of both passes, and takes both sides of a ratio from one pass', () => {
    const small = run(1000, { search: 6000, purchases: 800, cycleP50: 8, rss: 90, healthy: 1200 });
    const large = run(100_000, { search: 1500, purchases: 300, cycleP50: 9, rss: 140, healthy: 2500 });
    small.scenarios[0] = scenario('search-gateway', { rps: 6000, errors: 3 });
    small.scenarios.push(scenario('search-gateway:client', { rps: 7000, clientPass: true }), scenario('purchase:client', { okRps: 900, clientPass: true }));
    const results = evaluateTargets([small, large]);
    const search = results.find((t) => t.name === 'search via gateway, 1,000 books')!;
    assert.deepEqual([search.status, search.actual], ['miss', '7,000 req/s, 3 errors']);
    // No second pass at 100,000 books: the ratio is of the first passes (800 vs 300), not 900 vs 300.
    assert.match(results.find((t) => t.name.startsWith('purchases 100'))!.actual, /300\/s vs 800\/s/);
  });

  it('reports a skipped scenario as not measured rather than as a miss', () => {
    const small = run(1000, { search: 6000, purchases: 800, cycleP50: 8, rss: 90, healthy: 1200 });
    small.scenarios[2] = skipped({ key: 'borrow-return', name: 'borrow + return' }, 'loans not running');
    const target = evaluateTargets([small]).find((t) => t.name.startsWith('borrow'))!;
    assert.equal(target.status, 'n/a');
  });
});
