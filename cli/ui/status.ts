// The service status table: every service up or down, with its latency.
import type { GatewayHealth } from '../api/types.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

export async function statusTable(health: GatewayHealth, style: Style): Promise<string> {
  const problems = health.services.some((s) => s.error);
  const table = await renderTable(
    [{ head: 'Service' }, { head: 'Status' }, { head: 'Latency', align: 'right' }, { head: 'Version' }, { head: 'Address' }, ...(problems ? [{ head: 'Problem' }] : [])],
    health.services.map((s) => [
      s.name,
      s.status === 'up' ? style.good('up') : style.bad('down'),
      `${Math.round(s.latencyMs)} ms`,
      s.version ?? '',
      s.url,
      ...(problems ? [s.error ?? ''] : []),
    ]),
    style,
  );
  const summary = health.status === 'ok' ? style.good('All services are up.') : style.bad('Some services are down.');
  return `${table}\n${summary}`;
}
