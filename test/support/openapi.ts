// Holds a running service to its own OpenAPI document: each answer's status must be
// documented for its route, with the documented media type and a body its schema accepts;
// every route the app's routers have must be documented; and the conformance table must
// call every documented operation with success, so neither side can drift unnoticed.
import assert from 'node:assert/strict';
import type Koa from 'koa';
import type Router from '@koa/router';
import { send, type Reply } from './http.js';
import { validate, type Schema } from './json-schema.js';

type Json = Record<string, any>;

/** One row of a conformance table. */
export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The documented path template, e.g. "/books/{id}". */
  path: string;
  /** The URL path with query, when it differs from the template. */
  url?: string;
  /** Whose token to send, a name in the tokens given to Conformance. */
  as?: string;
  json?: unknown;
  /** A body sent as it is, for malformed-body cases. */
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  /** For an error: the problem type expected, e.g. "/problems/unknown-book". */
  type?: string;
}

/** GET /health, GET /metrics and GET /openapi.json, which every service answers. */
export const KERNEL_CALLS: Call[] = [
  { method: 'GET', path: '/health', status: 200 },
  { method: 'GET', path: '/metrics', status: 200 },
  { method: 'GET', path: '/openapi.json', status: 200 },
];

/** A test title: "POST /books as member answers 403 /problems/forbidden as documented". */
export function describeCall(c: Call): string {
  const who = c.as ? ` as ${c.as}` : '';
  return `${c.method} ${c.url ?? c.path}${who} answers ${c.status}${c.type ? ` ${c.type}` : ''} as documented`;
}

export class Conformance {
  private constructor(
    readonly base: string,
    readonly doc: Json,
    private readonly tokens: Record<string, string>,
    /** "METHOD /template" of the operations answered with a 2xx, shared by at(). */
    private readonly succeeded = new Set<string>(),
  ) {}

  /** The same document and record, calling another instance of the service. */
  at(base: string): Conformance {
    return new Conformance(base, this.doc, this.tokens, this.succeeded);
  }

  /** Fetches the document the service serves, without a token. */
  static async fetch(base: string, tokens: Record<string, string> = {}): Promise<Conformance> {
    const reply = await send(base, 'GET', '/openapi.json');
    assert.equal(reply.status, 200, `GET /openapi.json answered ${reply.status}`);
    return new Conformance(base, reply.body, tokens);
  }

  async call(c: Call): Promise<Reply<any>> {
    const token = c.as === undefined ? undefined : this.tokens[c.as];
    if (c.as !== undefined) assert.ok(token, `no token named ${c.as}`);
    const reply = await send(this.base, c.method, c.url ?? c.path, { json: c.json, raw: c.raw, headers: c.headers, token });
    assert.equal(reply.status, c.status, `${c.method} ${c.url ?? c.path}: ${JSON.stringify(reply.body)}`);
    if (c.type) assert.equal(reply.body?.type, c.type);
    this.conforms(c.method, c.path, reply);
    if (reply.status < 300) this.succeeded.add(`${c.method} ${c.path}`);
    return reply;
  }

  /** The answer has a documented status, media type and body shape. */
  conforms(method: string, template: string, reply: Reply): void {
    const where = `${method} ${template}`;
    const op = this.doc.paths?.[template]?.[method.toLowerCase()];
    assert.ok(op, `${where} is not in the document`);
    const response = op.responses[String(reply.status)];
    assert.ok(response, `${where}: status ${reply.status} is not documented (documented: ${Object.keys(op.responses)}); body ${JSON.stringify(reply.body)}`);
    if (!response.content) {
      assert.equal(reply.body, undefined, `${where} ${reply.status}: documented without a body, got one`);
      return;
    }
    const [media] = Object.keys(response.content);
    assert.equal((reply.headers.get('content-type') ?? '').split(';')[0], media, `${where} ${reply.status}: media type`);
    const errors = validate(response.content[media].schema as Schema, reply.body, this.doc);
    assert.deepEqual(errors, [], `${where} ${reply.status}: the body does not match the document: ${JSON.stringify(reply.body)}`);
  }

  /** Every documented operation was answered with a 2xx by some call. */
  assertEveryOperationSucceeded(): void {
    const missing = documentedRoutes(this.doc).filter((route) => !this.succeeded.has(route));
    assert.deepEqual(missing, [], 'documented operations that no call answered with success');
  }
}

/** "METHOD /template" of every operation in the document, sorted. */
export function documentedRoutes(doc: Json): string[] {
  return Object.entries(doc.paths as Json)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

/** "METHOD /template" of every route of the app's routers (HEAD, which koa adds to GET, aside). */
export function appRoutes(app: Koa): string[] {
  const routers = app.middleware.map((m) => (m as { router?: Router }).router).filter((r): r is Router => r !== undefined);
  const routes = routers.flatMap((router) =>
    router.stack.flatMap((layer) => {
      const template = String(layer.path).replace(/:(\w+)/g, '{$1}');
      return layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${template}`);
    }),
  );
  return [...new Set(routes)].sort();
}

/** The structure a reader (or a code generator) relies on: version, unique ids, path parameters, $refs. */
export function assertValidDocument(doc: Json): void {
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(typeof doc.info?.title, 'string');
  assert.equal(typeof doc.info?.version, 'string');
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [method, op] of Object.entries(item as Json)) {
      assert.ok(['get', 'post', 'put', 'patch', 'delete'].includes(method), `${path}: ${method}`);
      assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is used twice`);
      ids.add(op.operationId);
      assert.ok(Object.keys(op.responses ?? {}).length > 0, `${method} ${path} documents no response`);
      const inPath = (op.parameters ?? []).filter((p: Json) => p.in === 'path');
      assert.deepEqual(inPath.map((p: Json) => p.name).sort(), names, `${method} ${path}: path parameters`);
      assert.ok(inPath.every((p: Json) => p.required === true), `${method} ${path}: path parameters are required`);
    }
  }
  for (const ref of refsIn(doc)) assert.ok(resolves(doc, ref), `$ref ${ref} does not resolve`);
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

function resolves(doc: Json, ref: string): boolean {
  let node: any = doc;
  for (const key of ref.replace(/^#\//, '').split('/')) node = node?.[key];
  return node !== undefined;
}
