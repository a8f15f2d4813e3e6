// OpenAPI 3.1 pieces every service's document shares: the Problem schema, list pages,
// pagination parameters, the bearer scheme, GET /health and GET /openapi.json, and the
// document frame. Operations are built in openapi-operation.ts from the routes' own zod
// schemas, so that a document cannot say one thing while its route checks another.
import { z } from 'zod';
import type { ProcessName } from './config.js';
import { operation, PAGE_PARAMETERS, type JsonSchema, type Method, type Route } from './openapi-operation.js';
import { VERSION } from './version.js';

export { operation, toSchema, type Answer, type JsonSchema, type Method, type Route } from './openapi-operation.js';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  paths: Record<string, Partial<Record<Method, JsonSchema>>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  [extra: string]: unknown;
}

/** Every schema in `registry` (ids as component names), cross-referenced with $ref. */
export function componentSchemas(registry: z.core.$ZodRegistry<{ id: string }>): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io: 'output', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...rest }]) => [id, rest as JsonSchema]));
}

/** The list page every list route answers (DESIGN: `{ items, total }`). */
export const pageOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: z.number().int().min(0) });

/** ISO-8601 UTC timestamps, as every service writes them (toISOString). */
export const timestamp = z.iso.datetime();

/** Compile-time proof that a response schema describes exactly a types.ts contract. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const PROBLEM: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; extension members vary by type.',
  properties: {
    type: { type: 'string', pattern: '^/problems/[a-z0-9-]+$' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
  },
  required: ['type', 'title', 'status'],
  additionalProperties: true,
};

const HEALTH: JsonSchema = {
  type: 'object',
  description: 'Extra members are the service\'s own facts, e.g. record counts.',
  properties: { status: { const: 'ok' }, service: { type: 'string' }, version: { type: 'string' } },
  required: ['status', 'service', 'version'],
  additionalProperties: true,
};

const SECURITY_SCHEMES = { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /login (users), HS256.' } };

/** GET /health, GET /metrics and GET /openapi.json, which createServiceApp serves on every service. */
export function kernelPaths(healthSchema = 'Health'): OpenApiDocument['paths'] {
  const metrics = operation('get', '/metrics', { summary: 'Prometheus metrics', access: 'public', ok: { status: 200, description: 'Prometheus text format 0.0.4.' } });
  // Not JSON: operation() only writes JSON bodies.
  (metrics.responses as Record<string, Record<string, unknown>>)['200'].content = { 'text/plain': { schema: { type: 'string' } } };
  return {
    '/metrics': { get: metrics },
    '/health': { get: operation('get', '/health', { summary: 'Liveness and version', access: 'public', ok: { status: 200, description: 'Up.', schema: healthSchema } }) },
    '/openapi.json': {
      get: operation('get', '/openapi.json', { summary: 'This document', access: 'public', ok: { status: 200, description: 'OpenAPI 3.1.', schema: { type: 'object' } } }),
    },
  };
}

export interface DocumentSpec {
  service: ProcessName;
  description: string;
  routes: Record<string, Partial<Record<Method, Route>>>;
  schemas: Record<string, JsonSchema>;
}

export function serviceDocument(spec: DocumentSpec): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = kernelPaths();
  for (const [path, methods] of Object.entries(spec.routes)) {
    paths[path] = Object.fromEntries(Object.entries(methods).map(([method, route]) => [method, operation(method as Method, path, route)]));
  }
  return baseDocument(spec.service, spec.description, paths, spec.schemas);
}

export function baseDocument(service: ProcessName, description: string, paths: OpenApiDocument['paths'], schemas: Record<string, JsonSchema> = {}): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: `Library ${service} service`, version: VERSION, description },
    servers: [{ url: '/', description: `the ${service} service itself (through the gateway, public routes are under /api)` }],
    paths,
    components: {
      schemas: { Problem: PROBLEM, Health: HEALTH, ...schemas },
      parameters: PAGE_PARAMETERS,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
