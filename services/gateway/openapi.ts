// The gateway's OpenAPI document, served at GET /openapi.json: its own routes (/health
// and this document), and where each service's document is. It does not repeat the
// services' routes: /api/<path> forwards to the service named below with /api removed,
// so each service's own document describes them.
import { z } from 'zod';
import { SERVICE_NAMES, type ServiceName } from '../shared/config.js';
import { baseDocument, componentSchemas, kernelPaths, operation, type OpenApiDocument, type Same } from '../shared/openapi.js';
import type { GatewayHealth, ServiceHealth } from './health.js';
import { ROUTE_TABLE } from './route-table.js';

const registry = z.registry<{ id: string }>();

const serviceHealth = z.strictObject({
  name: z.enum(['gateway', ...SERVICE_NAMES]),
  url: z.string(),
  status: z.enum(['up', 'down']),
  latencyMs: z.number().min(0),
  version: z.string().optional(),
  error: z.string().optional(),
});

const gatewayHealth = z
  .strictObject({ status: z.enum(['ok', 'degraded']), service: z.literal('gateway'), version: z.string(), checkedAt: z.string(), services: z.array(serviceHealth) })
  .register(registry, { id: 'GatewayHealth' });

export const proofs: [Same<z.output<typeof serviceHealth>, ServiceHealth>, Same<z.output<typeof gatewayHealth>, GatewayHealth>] = [true, true];

const DESCRIPTION = [
  'The one entry point. `/api/<first segment>/…` is forwarded to the service that owns the segment, with `/api` removed;',
  'each service documents its routes at its own `/openapi.json` (see the tags). `/internal/*` is never forwarded.',
  'Every answer carries an `X-Request-Id`. Failed logins and registrations are throttled per client address (429 `/problems/too-many-logins`, `/problems/too-many-registrations`, Retry-After).',
  'A service that cannot be reached answers 503 `/problems/service-unavailable` naming it.',
].join(' ');

/** The document for a gateway whose services answer at `urls`. */
export function gatewayOpenApi(urls: Readonly<Record<ServiceName, string>>): OpenApiDocument {
  const health = operation('get', '/health', {
    summary: 'Every service up or down, with its latency',
    access: 'public',
    ok: [
      { status: 200, description: 'Every service is up.', schema: 'GatewayHealth' },
      { status: 503, description: 'At least one service is down.', schema: 'GatewayHealth' },
    ],
  });
  const paths = { ...kernelPaths(), '/health': { get: health } };
  const document = baseDocument('gateway', DESCRIPTION, paths, componentSchemas(registry));
  document.tags = SERVICE_NAMES.map((name) => ({
    name,
    description: `/api/${segmentsOf(name).join(', /api/')} → ${name}`,
    externalDocs: { description: `the ${name} service's OpenAPI document`, url: `${urls[name]}/openapi.json` },
  }));
  return document;
}

function segmentsOf(service: ServiceName): string[] {
  return Object.entries(ROUTE_TABLE)
    .filter(([, owner]) => owner === service)
    .map(([segment]) => segment);
}
