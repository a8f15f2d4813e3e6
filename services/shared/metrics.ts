// GET /metrics (Prometheus text, prom-client) for every service and the gateway: requests
// and their latency by method, ROUTE TEMPLATE and status (a raw path would make one series
// per loan id), process metrics, refusals by problem type, the service's own counters and
// its stores' flush latency and journal size.
//
// One registry per service name in a process, made on first use, so a rule anywhere in a
// service can count with `metricsFor('loans').counter(...)` without it being threaded
// through every constructor, and the in-process test fixtures (several services in one
// process) keep their series apart. Every series carries `service` as a label.
import type { Context, Middleware } from 'koa';
import path from 'node:path';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { onFlush, storeStats } from './store/registry.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const FLUSH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  /**
   * Answers counted since http_requests_total was last read, by label set: added to it when
   * it is read (its collect()), so an answer costs a Map lookup here, not prom-client's
   * label checks and hashing once more beside the latency histogram's.
   */
  private readonly answered = new Map<string, { labels: RequestLabels; n: number }>();
  private readonly latency: Histogram;
  private readonly refusals: Counter;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const answered = this.answered;
    new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
      collect() {
        for (const { labels, n } of answered.values()) this.inc(labels, n);
        answered.clear();
      },
    });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.refusals = new Counter({
      name: 'library_refusals_total',
      help: 'Requests answered with a problem, by its type',
      labelNames: ['problem', 'status'],
      registers,
    });
    const flushes = new Histogram({
      name: 'library_store_flush_seconds',
      help: 'Time of one write and fsync of a journal or CSV log (one group commit), by file',
      labelNames: ['store'],
      buckets: FLUSH_BUCKETS,
      registers,
    });
    // The store registry knows every store of the process; a service's own are the files in
    // its folder (DATA_DIR/<service>/), which keeps in-process test fixtures apart.
    const own = (file: string) => path.basename(path.dirname(file)) === service;
    onFlush((event) => {
      if (own(event.file)) flushes.observe({ store: path.basename(event.file) }, event.seconds);
    });
    for (const [name, help, field] of [
      ['library_store_journal_bytes', 'Size of the store journal (or CSV log), in bytes', 'journalBytes'],
      ['library_store_snapshot_bytes', 'Size of the last store snapshot, in bytes', 'snapshotBytes'],
    ] as const) {
      new Gauge({
        name,
        help,
        labelNames: ['store'],
        registers,
        collect() {
          this.reset();
          for (const stats of storeStats()) if (own(stats.file)) this.set({ store: path.basename(stats.file) }, stats[field]);
        },
      });
    }
  }

  /** A counter of the service's own (loans made, units sold, …), made once per name. */
  counter(name: string, help: string, labelNames: string[] = []): Counter {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = new Counter({ name, help, labelNames, registers: [this.registry] });
      this.counters.set(name, counter);
    }
    return counter;
  }

  /**
   * Outermost middleware: counts every answer once it is final. `routeOf` names the route
   * template; the default takes @koa/router's matched route, "unmatched" when none did.
   */
  middleware(routeOf: (ctx: Context) => string = routerTemplate): Middleware {
    return async (ctx, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        const labels = { method: ctx.method, route: routeOf(ctx), status: String(ctx.status) };
        const key = `${labels.method} ${labels.route} ${labels.status}`;
        const tally = this.answered.get(key);
        if (tally) tally.n++;
        else this.answered.set(key, { labels, n: 1 });
        this.latency.observe(labels, (performance.now() - started) / 1000);
        const problem = problemType(ctx);
        if (problem) this.refusals.inc({ problem, status: labels.status });
      }
    };
  }

  /** The GET /metrics handler. */
  readonly serve = async (ctx: Context): Promise<void> => {
    ctx.set('Content-Type', this.registry.contentType);
    ctx.body = await this.registry.metrics();
  };
}

interface RequestLabels {
  method: string;
  route: string;
  status: string;
}

const byService = new Map<string, ServiceMetrics>();

export function metricsFor(service: string): ServiceMetrics {
  let metrics = byService.get(service);
  if (!metrics) {
    metrics = new ServiceMetrics(service);
    byService.set(service, metrics);
  }
  return metrics;
}

function routerTemplate(ctx: Context): string {
  const matched = (ctx as Context & { _matchedRoute?: string | RegExp })._matchedRoute;
  return typeof matched === 'string' ? matched : 'unmatched';
}

/** "out-of-stock" for a problem+json answer built by this process; streamed bodies are not read. */
function problemType(ctx: Context): string | null {
  if (ctx.status < 400) return null;
  const body = ctx.body as { type?: unknown } | undefined;
  if (!body || typeof body !== 'object' || typeof body.type !== 'string') return null;
  return body.type.replace(/^\/problems\//, '');
}
