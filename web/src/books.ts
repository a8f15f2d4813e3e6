// Book titles by id, asked once per page load: loans and holds name a book by id only,
// and circulation is always shown by title.
import { api, seg } from './api.js';
import { h } from './dom.js';
import type { Book } from './types.js';

const books = new Map<string, Promise<Book | null>>();

export function book(id: string): Promise<Book | null> {
  let found = books.get(id);
  if (!found) {
    found = api<Book>(`/books/${seg(id)}`, { auth: false }).catch(() => null);
    books.set(id, found);
  }
  return found;
}

export async function titleOf(id: string): Promise<string> {
  return (await book(id))?.title ?? id;
}

/** A link to the book's page, by title with its id. */
export async function bookLink(id: string): Promise<HTMLElement> {
  return h('a', { href: `#/book/${encodeURIComponent(id)}` }, await titleOf(id));
}
