// What the catalog accepts, as zod schemas shared by the routes and the seed loader.
// Objects are strict: `id`, `createdAt`, `updatedAt` or any other unknown field is a 422.
import { z } from 'zod';
import { money, pageQuery, text } from '../shared/http/validate.js';
import { normalizeIsbn } from './isbn.js';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const topicSlug = z.string().max(60).regex(SLUG, 'must be a lowercase slug such as "distributed-systems"');

/** Any ISBN-10 or ISBN-13 with a valid check digit, hyphens or spaces allowed; out comes the ISBN-13. */
export const isbnField = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const isbn = normalizeIsbn(raw);
    if (isbn === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISBN-10 or ISBN-13 with a valid check digit' });
      return z.NEVER;
    }
    return isbn;
  });

const year = z
  .number()
  .int()
  .min(1000)
  .refine((y) => y <= new Date().getUTCFullYear() + 1, 'must not be more than a year in the future');

const authors = z.array(text(200)).min(1, 'must name at least one author').max(20);

const fields = { isbn: isbnField, title: text(300), authors, topic: topicSlug, price: money };

export const bookInputSchema = z.strictObject({ ...fields, year: year.optional() });

export const bookPatchSchema = z
  .strictObject({
    isbn: fields.isbn.optional(),
    title: fields.title.optional(),
    authors: fields.authors.optional(),
    topic: fields.topic.optional(),
    price: fields.price.optional(),
    year: year.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');

/** Query filters forgive case and an empty value (`?topic=`), which forms often send. */
const emptyIsAbsent = (value: unknown) => (value === '' ? undefined : value);
const topicFilter = z.preprocess(emptyIsAbsent, z.string().trim().toLowerCase().pipe(topicSlug).optional());

export const bookQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  topic: topicFilter,
  author: z.string().max(200).optional(),
  ...pageQuery,
});

export const pageSchema = z.strictObject({ ...pageQuery });

export const topicParam = z.string().trim().toLowerCase().pipe(topicSlug);
