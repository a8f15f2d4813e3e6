// The gateway's /health asks every service's /health at once and reports each one
// up or down with its latency; one service down makes the whole answer 503.
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
        let version: string | undefined;
        try {
          version = (JSON.parse(text) as { version?: string }).version;
        } catch {
          // a health answer that is not JSON still tells us the service is there
        }
        const up = response.statusCode === 200;
        resolve({ name, url, status: up ? 'up' : 'down', latencyMs: elapsed(), version, ...(up ? {} : { error: `status ${response.statusCode}` }) });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ name, url, status: 'down', latencyMs: elapsed(), error: error.code ?? error.message }),
    );
  });
}

export async function checkHealth(urls: Readonly<Record<ServiceName, string>>, selfUrl: string, timeoutMs = 1000): Promise<GatewayHealth> {
  const services = await Promise.all(SERVICE_NAMES.map((name) => probe(name, urls[name], timeoutMs)));
  const all: ServiceHealth[] = [{ name: 'gateway', url: selfUrl, status: 'up', latencyMs: 0, version: VERSION }, ...services];
  return {
    status: services.every((s) => s.status === 'up') ? 'ok' : 'degraded',
    service: 'gateway',
    version: VERSION,
    services: all,
  };
}
