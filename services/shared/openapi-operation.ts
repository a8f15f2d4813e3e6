// Builds one OpenAPI operation from a route's description and the zod schemas it already
// validates with: parameters, request body, its success answers, and the problem+json
// refusals the kernel makes (401, 403, 400/413/415, 422) merged with the route's own.
import { z } from 'zod';
import type { Role } from './auth.js';

export type JsonSchema = Record<string, unknown>;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** An answer a route gives: its status, what the body is (a component name or a schema). */
export interface Answer {
  status: number;
  description: string;
  /** A name under components/schemas, or an inline schema; none for an empty body. */
  schema?: string | JsonSchema;
  headers?: Record<string, string>;
}

export interface Route {
  summary: string;
  description?: string;
  /** 'public': no token; 'token': any valid token; otherwise the roles allowed. */
  access: 'public' | 'token' | readonly Role[];
  /** Schemas of path parameters by name; a parameter not named here is any string. */
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  headers?: JsonSchema[];
  body?: z.ZodType;
  ok: Answer | Answer[];
  /** Route-specific refusals: status → the problem types it may carry. */
  problems?: Record<number, string>;
}

/** JSON Schema for what a zod schema accepts ('input') or gives ('output'), without `$schema`. */
export function toSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  // 'any' rather than throwing: a field zod cannot describe must not stop a service starting.
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Pagination, the same on every list route (DESIGN: `limit` 1–100, default 20; `offset`). */
export const PAGE_PARAMETERS: Record<string, JsonSchema> = {
  limit: { name: 'limit', in: 'query', required: false, description: 'Page size.', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  offset: { name: 'offset', in: 'query', required: false, description: 'Items to skip.', schema: { type: 'integer', minimum: 0, default: 0 } },
};

/** A problem+json response; `types` says which problem types this status carries here. */
function problemResponse(types: string): JsonSchema {
  return { description: types, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
}

function answerObject(answer: Answer): JsonSchema {
  const out: JsonSchema = { description: answer.description };
  if (answer.schema !== undefined) {
    const schema = typeof answer.schema === 'string' ? { $ref: `#/components/schemas/${answer.schema}` } : answer.schema;
    out.content = { 'application/json': { schema } };
  }
  if (answer.headers) {
    out.headers = Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
  }
  return out;
}

function queryParameters(query: z.ZodObject): JsonSchema[] {
  const schema = toSchema(query);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, property]) =>
    PAGE_PARAMETERS[name] ? { $ref: `#/components/parameters/${name}` } : { name, in: 'query', required: required.has(name), schema: property },
  );
}

/** A body schema that accepts no body at all: a route that takes none but tolerates `{}`. */
const bodyOptional = (body: z.ZodType) => body.safeParse(undefined).success;

/** The refusals the kernel and the validators make, which every such route shares. */
function sharedProblems(route: Route): Record<number, string> {
  const problems: Record<number, string> = {};
  const add = (status: number, text: string) => (problems[status] = problems[status] ? `${problems[status]}; ${text}` : text);
  if (route.access !== 'public') add(401, '/problems/unauthorized: no token, or an invalid or expired one; /problems/token-revoked: the account changed since the token was issued');
  if (Array.isArray(route.access)) add(403, `/problems/forbidden: needs the role ${route.access.join(' or ')}`);
  if (route.body) {
    add(400, bodyOptional(route.body) ? '/problems/malformed-json' : '/problems/malformed-json, /problems/missing-body');
    add(413, '/problems/body-too-large: over 64 KiB');
    add(415, '/problems/unsupported-media-type: not application/json');
  }
  if (route.body || route.query || route.params) add(422, '/problems/validation-failed: `errors` lists each field');
  for (const [status, text] of Object.entries(route.problems ?? {})) add(Number(status), text);
  return problems;
}

function requestBody(body: z.ZodType): JsonSchema {
  let schema = toSchema(body);
  // z.undefined() has no JSON Schema and comes out as {} (anything): the optionality
  // belongs in `required: false`, not in the schema.
  const branches = (schema.anyOf as JsonSchema[] | undefined)?.filter((branch) => Object.keys(branch).length > 0);
  if (branches?.length === 1) schema = branches[0];
  return { required: !bodyOptional(body), content: { 'application/json': { schema } } };
}

export function operation(method: Method, path: string, route: Route): JsonSchema {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const parameters = [
    ...names.map((name) => ({ name, in: 'path', required: true, schema: route.params?.[name] ? toSchema(route.params[name]) : { type: 'string' } })),
    ...(route.query ? queryParameters(route.query) : []),
    ...(route.headers ?? []),
  ];
  const responses: Record<string, JsonSchema> = {};
  for (const answer of [route.ok].flat()) responses[answer.status] = answerObject(answer);
  for (const [status, types] of Object.entries(sharedProblems(route))) responses[status] = problemResponse(types);
  const who = route.access === 'public' ? 'No token needed.' : route.access === 'token' ? 'Any valid token.' : `Roles: ${route.access.join(', ')}.`;
  const op: JsonSchema = {
    operationId: method + path.replace(/\{(\w+)\}/g, 'By/$1').split(/[/.-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    summary: route.summary,
    description: [route.description, who].filter(Boolean).join(' '),
    security: route.access === 'public' ? [] : [{ bearer: [] }],
  };
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body) op.requestBody = requestBody(route.body);
  op.responses = responses;
  return op;
}

