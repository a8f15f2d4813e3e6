// Request validation with zod: schemas are strict (unknown fields refused), and a
// failure is a 422 problem listing each field and what is wrong with it.
import type { Context } from 'koa';
import { z } from 'zod';
import { Invalid, Problem } from '../problem.js';
import { illFormedPath } from '../well-formed.js';
import { illFormedString } from './json-body.js';

export function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const illFormed = illFormedPath(value);
  if (illFormed) throw illFormedString(illFormed);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new Invalid(`${what}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
}

export function parseBody<T>(ctx: Context, schema: z.ZodType<T>): T {
  const body = (ctx.request as { body?: unknown }).body;
  if (body === undefined) throw new Problem(400, 'missing-body', 'Missing body', 'this request needs a JSON body');
  return check(schema, body, 'invalid body');
}

export function parseQuery<T>(ctx: Context, schema: z.ZodType<T>): T {
  return check(schema, ctx.query, 'invalid query');
}

/** A whole number given as a query string. */
export const queryInt = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));

export const pageQuery = {
  limit: queryInt(1, 100).default(20),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
};

export interface Page<T> {
  items: T[];
  total: number;
}

export function paginate<T>(items: readonly T[], page: { limit: number; offset: number }): Page<T> {
  return { items: items.slice(page.offset, page.offset + page.limit), total: items.length };
}

/** A non-empty string with no leading or trailing blanks to trip on later. */
export const text = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max);

/** A price or amount: not negative, at most two decimals. */
export const money = z
  .number()
  .nonnegative()
  .max(1_000_000)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most two decimals');

export const roundMoney = (n: number) => Math.round(n * 100) / 100;
