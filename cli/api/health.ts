// The gateway's own /health (outside /api): every service up or down. A 503 still
// carries the full report, so it is an answer here, not an error.
import type { ApiClient } from './client.js';
import { Unreachable } from './errors.js';
import type { GatewayHealth } from './types.js';

export async function getHealth(api: ApiClient): Promise<GatewayHealth> {
  const reply = await api.call<GatewayHealth>('GET', '/health', { root: true, auth: false, accept: [503] });
  if (!Array.isArray(reply.body?.services)) {
    // A 503 without the report is the gateway failing, not a service being down.
    throw new Unreachable('gateway', api.baseUrl, `answered /health with status ${reply.status} and no service list`);
  }
  return reply.body;
}
