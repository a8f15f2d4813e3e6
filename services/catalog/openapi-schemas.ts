// The catalog's answers as zod schemas: the JSON Schema of its OpenAPI document comes
// from here, and the compile-time proofs below keep each one equal to types.ts.
import { z } from 'zod';
import type { Page } from '../shared/http/validate.js';
import { componentSchemas, pageOf, timestamp, type Same } from '../shared/openapi.js';
import type { Book, BookInfo, BookSummary, TopicCount } from '../contracts/catalog.js';

const registry = z.registry<{ id: string }>();

export const bookSchema = z
  .strictObject({
    id: z.string(),
    isbn: z.string().regex(/^\d{13}$/),
    title: z.string(),
    authors: z.array(z.string()),
    topic: z.string(),
    year: z.number().int().optional(),
    price: z.number().min(0),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .register(registry, { id: 'Book' });

export const topicCountSchema = z.strictObject({ topic: z.string(), count: z.number().int().min(0) }).register(registry, { id: 'TopicCount' });
export const bookSummarySchema = z.strictObject({ id: z.string(), title: z.string() }).register(registry, { id: 'BookSummary' });
export const bookInfoSchema = z
  .strictObject({ id: z.string(), title: z.string(), topic: z.string(), price: z.number().min(0), stock: z.number().int().min(0) })
  .register(registry, { id: 'BookInfo' });

const bookPage = pageOf(bookSchema).register(registry, { id: 'BookPage' });
const topicPage = pageOf(topicCountSchema).register(registry, { id: 'TopicPage' });
const summaryPage = pageOf(bookSummarySchema).register(registry, { id: 'BookSummaryPage' });

export const proofs: [
  Same<z.output<typeof bookSchema>, Book>,
  Same<z.output<typeof topicCountSchema>, TopicCount>,
  Same<z.output<typeof bookSummarySchema>, BookSummary>,
  Same<z.output<typeof bookInfoSchema>, BookInfo>,
  Same<z.output<typeof bookPage>, Page<Book>>,
  Same<z.output<typeof topicPage>, Page<TopicCount>>,
  Same<z.output<typeof summaryPage>, Page<BookSummary>>,
] = [true, true, true, true, true, true, true];

export const catalogSchemas = () => componentSchemas(registry);
