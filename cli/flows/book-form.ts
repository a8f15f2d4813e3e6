// The book form: asks for the fields of a new book that were not given, or walks through
// an existing book's fields with its values as defaults. Used by the menu and by
// `books add|edit` on a terminal. The catalog has the last word on every value.
import type { BookChanges, NewBook } from '../api/books.js';
import type { Book } from '../api/types.js';
import type { Ctx } from '../context.js';

const AUTHOR_SEPARATOR = ';';

export async function askNewBook(ctx: Ctx, given: Partial<NewBook>): Promise<NewBook> {
  const { ask } = ctx;
  const title = given.title ?? (await ask.text('Title:', { required: true }));
  const authors = given.authors?.length ? given.authors : splitAuthors(await ask.text(`Authors (separate several with ${AUTHOR_SEPARATOR}):`, { required: true }));
  const isbn = given.isbn ?? (await ask.text('ISBN (10 or 13 digits):', { required: true, validate: checkIsbn }));
  const topic = given.topic ?? (await ask.text('Topic:', { required: true }));
  const year = given.year ?? optionalYear(await ask.text('Year (optional):', { validate: checkYear }));
  const price = given.price ?? Number(await ask.text('Price:', { required: true, validate: checkPrice }));
  return { title, authors, isbn, topic, ...(year === undefined ? {} : { year }), price };
}

/** Every field with the current value as its default; only what changed is returned. */
export async function askBookChanges(ctx: Ctx, current: Book): Promise<BookChanges> {
  const { ask } = ctx;
  const next: NewBook = {
    title: await ask.text('Title:', { default: current.title, required: true }),
    authors: splitAuthors(await ask.text(`Authors (separate several with ${AUTHOR_SEPARATOR}):`, { default: current.authors.join(`${AUTHOR_SEPARATOR} `), required: true })),
    isbn: await ask.text('ISBN:', { default: current.isbn, required: true, validate: checkIsbn }),
    topic: await ask.text('Topic:', { default: current.topic, required: true }),
    year: optionalYear(await ask.text('Year (optional):', { default: current.year ? String(current.year) : undefined, validate: checkYear })),
    price: Number(await ask.text('Price:', { default: String(current.price), required: true, validate: checkPrice })),
  };
  const changes: BookChanges = {};
  for (const key of Object.keys(next) as (keyof NewBook)[]) {
    if (next[key] !== undefined && JSON.stringify(next[key]) !== JSON.stringify(current[key])) Object.assign(changes, { [key]: next[key] });
  }
  return changes;
}

export function splitAuthors(text: string): string[] {
  return text.split(AUTHOR_SEPARATOR).map((a) => a.trim()).filter(Boolean);
}

function optionalYear(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** A first check for typing slips; the catalog verifies the check digit. */
function checkIsbn(value: string): true | string {
  const digits = value.replace(/[\s-]/g, '');
  return /^(\d{9}[\dXx]|\d{13})$/.test(digits) ? true : 'an ISBN has 10 or 13 digits (hyphens allowed)';
}

function checkYear(value: string): true | string {
  return value.trim() === '' || /^\d{1,4}$/.test(value.trim()) ? true : 'a year like 2008, or nothing';
}

function checkPrice(value: string): true | string {
  return /^\d+(\.\d{1,2})?$/.test(value.trim()) ? true : 'an amount like 12 or 12.50';
}
