// The catalog's OpenAPI 3.1 document, served at GET /openapi.json. Request schemas are
// the ones the routes validate with (schemas.ts); answers come from openapi-schemas.ts.
import { serviceDocument } from '../shared/openapi.js';
import { catalogSchemas } from './openapi-schemas.js';
import { bookInputSchema, bookPatchSchema, bookQuerySchema, pageSchema, topicParam } from './schemas.js';

const LIBRARIAN = ['librarian'] as const;
const NO_BOOK = { 404: '/problems/unknown-book' };

export const catalogOpenApi = serviceDocument({
  service: 'catalog',
  description: 'Books: metadata and search. Reads need no token; changes are for librarians.',
  schemas: catalogSchemas(),
  routes: {
    '/books': {
      get: {
        summary: 'Search books',
        description: '`q` matches title, author or ISBN, case-insensitive; title matches first.',
        access: 'public',
        query: bookQuerySchema,
        ok: { status: 200, description: 'A page of books.', schema: 'BookPage' },
      },
      post: {
        summary: 'Add a book',
        description: 'ISBN-10 or ISBN-13, stored as the 13 digits.',
        access: LIBRARIAN,
        body: bookInputSchema,
        ok: { status: 201, description: 'The new book.', schema: 'Book', headers: { Location: '/books/{id}' } },
        problems: { 409: '/problems/duplicate-isbn' },
      },
    },
    '/books/{id}': {
      get: { summary: 'A book', access: 'public', ok: { status: 200, description: 'The book.', schema: 'Book' }, problems: NO_BOOK },
      put: {
        summary: 'Replace a book',
        description: 'Every field; a PUT without `year` removes it.',
        access: LIBRARIAN,
        body: bookInputSchema,
        ok: { status: 200, description: 'The book as it is now.', schema: 'Book' },
        problems: { ...NO_BOOK, 409: '/problems/duplicate-isbn' },
      },
      patch: {
        summary: 'Change some fields of a book',
        description: '`year: null` removes the year.',
        access: LIBRARIAN,
        body: bookPatchSchema,
        ok: { status: 200, description: 'The book as it is now.', schema: 'Book' },
        problems: { ...NO_BOOK, 409: '/problems/duplicate-isbn' },
      },
      delete: {
        summary: 'Remove a book',
        description: 'Refused while inventory holds copies (not withdrawn) or stock of it.',
        access: LIBRARIAN,
        ok: { status: 204, description: 'Removed.' },
        problems: { ...NO_BOOK, 409: '/problems/book-in-use', 503: '/problems/service-unavailable (inventory)' },
      },
    },
    '/topics': {
      get: { summary: 'Topics with their book counts', access: 'public', query: pageSchema, ok: { status: 200, description: 'By topic name.', schema: 'TopicPage' } },
    },
    '/search/{topic}': {
      get: {
        summary: 'Books of a topic (the classic form)',
        access: 'public',
        params: { topic: topicParam },
        query: pageSchema,
        ok: { status: 200, description: '`{ id, title }` of each book.', schema: 'BookSummaryPage' },
      },
    },
    '/info/{id}': {
      get: {
        summary: 'One book with its stock (the classic form)',
        description: '`stock` is what inventory has for sale now.',
        access: 'public',
        ok: { status: 200, description: 'The book.', schema: 'BookInfo' },
        problems: { ...NO_BOOK, 503: '/problems/service-unavailable (inventory)' },
      },
    },
  },
});
