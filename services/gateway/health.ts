// The gateway's /health reports every service up or down with its latency; one service
// down makes the whole answer 503. It answers from the last check, which runs in the
// background (every service's /health at once, every second while /health is being
// asked, every quarter second while one is down), so that probes and dashboards calling it
// often do not multiply into six requests each, and a stopped service shows as down within
// about a second. While one is down, a call is answered from a check at most 50 ms old (one
// begun for it when the last is older, shared by the calls meanwhile): a service that comes
// up (at start, after a restart) shows as up at the next call, not a background round later,
// and a flood of calls during an outage still makes at most twenty checks a second.
import http from 'node:http';
import { SERVICE_NAMES, type ServiceName } from '../shared/config.js';
import { VERSION } from '../shared/version.js';
import { upstreamAgent } from './proxy.js';

export interface ServiceHealth {
  name: ServiceName | 'gateway';
  url: string;
  status: 'up' | 'down';
  latencyMs: number;
  version?: string;
  error?: string;
}

export interface GatewayHealth {
  status: 'ok' | 'degraded';
  service: 'gateway';
  version: string;
  /** When the answer's check began (ISO-8601 UTC). */
  checkedAt: string;
  services: ServiceHealth[];
}

function probe(name: ServiceName, url: string, timeoutMs: number): Promise<ServiceHealth> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  return new Promise((resolve) => {
    const request = http.get(`${url}/health`, { agent: upstreamAgent, timeout: timeoutMs }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let answer: { version?: string; service?: unknown } = {};
        try {
          answer = JSON.parse(text) ?? {};
        } catch {
          // a health answer that is not JSON still tells us the service is there
        }
        // Another service at this URL (a port given twice: this one could not listen) is not this one up.
        const error =
          response.statusCode !== 200 ? `status ${response.statusCode}` : typeof answer.service === 'string' && answer.service !== name ? `answered as ${answer.service}` : null;
        resolve({ name, url, status: error ? 'down' : 'up', latencyMs: elapsed(), version: answer.version, ...(error ? { error } : {}) });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ name, url, status: 'down', latencyMs: elapsed(), error: error.code ?? error.message }),
    );
  });
}

export async function checkHealth(urls: Readonly<Record<ServiceName, string>>, selfUrl: string, timeoutMs = 1000): Promise<GatewayHealth> {
  const checkedAt = new Date().toISOString();
  const services = await Promise.all(SERVICE_NAMES.map((name) => probe(name, urls[name], timeoutMs)));
  const all: ServiceHealth[] = [{ name: 'gateway', url: selfUrl, status: 'up', latencyMs: 0, version: VERSION }, ...services];
  return {
    status: services.every((s) => s.status === 'up') ? 'ok' : 'degraded',
    service: 'gateway',
    version: VERSION,
    checkedAt,
    services: all,
  };
}

export interface HealthMonitorOptions {
  /** Pause between the end of one check and the start of the next. */
  intervalMs: number;
  /** The pause instead while the last check found a service down. */
  degradedIntervalMs: number;
  /** Each service's answer is awaited this long before it counts as down. */
  timeoutMs: number;
  /** Checks stop after this long without a /health request, and resume at the next one. */
  idleMs: number;
  /** While the last check found a service down, a call is answered from a check at most this old. */
  degradedFreshMs: number;
}

export const HEALTH_DEFAULTS: HealthMonitorOptions = { intervalMs: 1000, degradedIntervalMs: 250, timeoutMs: 1000, idleMs: 60_000, degradedFreshMs: 50 };

/** The last check, refreshed in the background while someone asks; one check at a time. */
export class HealthMonitor {
  private last: GatewayHealth | null = null;
  private lastAt = 0;
  private running: Promise<GatewayHealth> | null = null;
  private askedAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly urls: Readonly<Record<ServiceName, string>>,
    private readonly selfUrl: string,
    private readonly options: HealthMonitorOptions = HEALTH_DEFAULTS,
  ) {}

  /** The last check's answer; a fresh check when there is none recent (the first call, or after idling). */
  async current(): Promise<GatewayHealth> {
    this.askedAt = performance.now();
    this.schedule();
    const age = performance.now() - this.lastAt;
    const recent = this.last && age <= 2 * this.options.intervalMs + this.options.timeoutMs;
    const stale = this.last?.status === 'degraded' && age > this.options.degradedFreshMs;
    return recent && !stale ? this.last! : this.check();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): Promise<GatewayHealth> {
    this.running ??= checkHealth(this.urls, this.selfUrl, this.options.timeoutMs).then((health) => {
      this.last = health;
      this.lastAt = performance.now();
      this.running = null;
      return health;
    });
    return this.running;
  }

  private schedule(): void {
    if (this.timer) return;
    const round = async () => {
      if (performance.now() - this.askedAt > this.options.idleMs) {
        this.timer = null;
        return;
      }
      const health = await this.check();
      this.timer = setTimeout(round, this.pause(health)).unref();
    };
    this.timer = setTimeout(round, this.pause(this.last)).unref();
  }

  /** Until a check has found every service up, the next comes sooner. */
  private pause(health: GatewayHealth | null): number {
    return health?.status === 'ok' ? this.options.intervalMs : this.options.degradedIntervalMs;
  }
}
