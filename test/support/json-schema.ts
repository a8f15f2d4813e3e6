// A small JSON Schema checker for the subset the services' OpenAPI documents use, so that
// the conformance tests need no validator package (ajv is not a dependency). A keyword it
// does not know is an error, never silently passed: a schema it cannot check fails loudly.

export type Schema = boolean | { [keyword: string]: unknown };

export interface SchemaError {
  /** Where in the value, as a JSON pointer ("" is the value itself). */
  at: string;
  message: string;
}

/** Keywords that only describe: nothing to check. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly']);

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  email: /^[^\s@]+@[^\s@]+$/,
};

type Obj = { [keyword: string]: unknown };
type Check = (schema: Obj, value: unknown, at: string, ctx: Context) => string | null | void;

interface Context {
  root: unknown;
  errors: SchemaError[];
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeOf(value) === type;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeOf(value) === 'object';

/** Deep equality for enum and const over JSON values. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function resolve(ref: string, root: unknown): Schema {
  if (!ref.startsWith('#')) throw new Error(`only local $ref is supported, got ${ref}`);
  let node = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) throw new Error(`$ref ${ref} does not resolve`);
    node = node[key];
  }
  return node as Schema;
}

const passes = (schema: unknown, value: unknown, ctx: Context) => check(schema as Schema, value, '', { root: ctx.root, errors: [] }).length === 0;

const CHECKS: Record<string, Check> = {
  $ref: (s, v, at, ctx) => void check(resolve(s.$ref as string, ctx.root), v, at, ctx),
  type: (s, v) => {
    const types = [s.type].flat() as string[];
    const ok = types.some((t) => hasType(v, t)) || (s.nullable === true && v === null);
    return ok ? null : `must be ${types.join(' or ')}, is ${typeOf(v)}`;
  },
  nullable: () => null, // read by `type` (OpenAPI 3.0 style)
  enum: (s, v) => ((s.enum as unknown[]).some((e) => same(e, v)) ? null : `must be one of ${JSON.stringify(s.enum)}`),
  const: (s, v) => (same(s.const, v) ? null : `must be ${JSON.stringify(s.const)}`),
  properties: (s, v, at, ctx) => {
    if (!isObject(v)) return;
    for (const [key, sub] of Object.entries(s.properties as Obj)) if (key in v) check(sub as Schema, v[key], `${at}/${key}`, ctx);
  },
  required: (s, v) => {
    if (!isObject(v)) return;
    const missing = (s.required as string[]).filter((key) => !(key in v));
    return missing.length ? `lacks ${missing.join(', ')}` : null;
  },
  additionalProperties: (s, v, at, ctx) => {
    if (!isObject(v)) return;
    const known = new Set(Object.keys((s.properties as Obj | undefined) ?? {}));
    for (const key of Object.keys(v).filter((k) => !known.has(k))) {
      if (s.additionalProperties === false) ctx.errors.push({ at: `${at}/${key}`, message: 'is not allowed (additionalProperties: false)' });
      else check(s.additionalProperties as Schema, v[key], `${at}/${key}`, ctx);
    }
  },
  propertyNames: (s, v, at, ctx) => {
    if (isObject(v)) for (const key of Object.keys(v)) check(s.propertyNames as Schema, key, `${at}/${key}`, ctx);
  },
  items: (s, v, at, ctx) => {
    if (Array.isArray(v)) v.forEach((item, i) => check(s.items as Schema, item, `${at}/${i}`, ctx));
  },
  minItems: (s, v) => (Array.isArray(v) && v.length < (s.minItems as number) ? `must have at least ${s.minItems} items` : null),
  maxItems: (s, v) => (Array.isArray(v) && v.length > (s.maxItems as number) ? `must have at most ${s.maxItems} items` : null),
  minLength: (s, v) => (typeof v === 'string' && [...v].length < (s.minLength as number) ? `must be at least ${s.minLength} characters` : null),
  maxLength: (s, v) => (typeof v === 'string' && [...v].length > (s.maxLength as number) ? `must be at most ${s.maxLength} characters` : null),
  pattern: (s, v) => (typeof v === 'string' && !new RegExp(s.pattern as string, 'u').test(v) ? `must match ${s.pattern}` : null),
  format: (s, v) => {
    const format = FORMATS[s.format as string];
    if (!format) throw new Error(`format ${String(s.format)} is not supported`);
    return typeof v === 'string' && !format.test(v) ? `must be a ${s.format}` : null;
  },
  minimum: (s, v) => (typeof v === 'number' && v < (s.minimum as number) ? `must be >= ${s.minimum}` : null),
  maximum: (s, v) => (typeof v === 'number' && v > (s.maximum as number) ? `must be <= ${s.maximum}` : null),
  exclusiveMinimum: (s, v) => (typeof v === 'number' && v <= (s.exclusiveMinimum as number) ? `must be > ${s.exclusiveMinimum}` : null),
  exclusiveMaximum: (s, v) => (typeof v === 'number' && v >= (s.exclusiveMaximum as number) ? `must be < ${s.exclusiveMaximum}` : null),
  allOf: (s, v, at, ctx) => void (s.allOf as Schema[]).forEach((sub) => check(sub, v, at, ctx)),
  anyOf: (s, v, _at, ctx) => ((s.anyOf as Schema[]).some((sub) => passes(sub, v, ctx)) ? null : 'matches none of anyOf'),
  oneOf: (s, v, _at, ctx) => {
    const matches = (s.oneOf as Schema[]).filter((sub) => passes(sub, v, ctx)).length;
    return matches === 1 ? null : `matches ${matches} of oneOf, not exactly one`;
  },
};

function check(schema: Schema, value: unknown, at = '', ctx: Context = { root: schema, errors: [] }): SchemaError[] {
  if (schema === true) return ctx.errors;
  if (schema === false) {
    ctx.errors.push({ at, message: 'no value is allowed here' });
    return ctx.errors;
  }
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-') || arg === undefined) continue;
    const run = CHECKS[keyword];
    if (!run) throw new Error(`JSON Schema keyword "${keyword}" is not supported by this checker (at ${at || '/'})`);
    const message = run(schema, value, at, ctx);
    if (message) ctx.errors.push({ at, message });
  }
  return ctx.errors;
}

/** The errors of `value` against `schema`, with $refs resolved in `root`. */
export function validate(schema: Schema, value: unknown, root: unknown = schema): SchemaError[] {
  return check(schema, value, '', { root, errors: [] });
}
