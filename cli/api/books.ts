// The catalog, through the gateway: reads are public, changes need a librarian.
import { segment, type ApiClient } from './client.js';
import type { Book, Page, PageQuery } from './types.js';

export interface BookQuery extends PageQuery {
  q?: string;
  topic?: string;
  author?: string;
}

/** GET /info/:id (the classic form) and GET /topics, as the catalog's contract gives them. */
export type { BookInfo, TopicCount as Topic } from '../../services/contracts/catalog.js';
import type { BookInfo, TopicCount as Topic } from '../../services/contracts/catalog.js';

/** What a librarian sends to create a book; the catalog sets id and timestamps. */
export interface NewBook {
  isbn: string;
  title: string;
  authors: string[];
  topic: string;
  year?: number;
  price: number;
}

export type BookChanges = Partial<NewBook>;

export function searchBooks(api: ApiClient, query: BookQuery = {}): Promise<Page<Book>> {
  return api.get('/books', { searchParams: { ...query }, auth: false });
}

export function getBook(api: ApiClient, id: string): Promise<Book> {
  return api.get(`/books/${segment(id)}`, { auth: false });
}

export function getBookInfo(api: ApiClient, id: string): Promise<BookInfo> {
  return api.get(`/info/${segment(id)}`, { auth: false });
}

export function listTopics(api: ApiClient): Promise<Topic[]> {
  return api.get('/topics', { auth: false });
}

export function createBook(api: ApiClient, book: NewBook): Promise<Book> {
  return api.post('/books', book);
}

export function updateBook(api: ApiClient, id: string, changes: BookChanges): Promise<Book> {
  return api.patch(`/books/${segment(id)}`, changes);
}

export async function deleteBook(api: ApiClient, id: string): Promise<void> {
  await api.delete(`/books/${segment(id)}`);
}

/** Book id → title, for circulation output that names books; a book the catalog lost keeps its id alone. */
export async function titlesOf(api: ApiClient, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const titles = new Map<string, string>();
  // A few at a time: a page of loans names up to 100 books.
  for (let i = 0; i < unique.length; i += 8) {
    const found = await Promise.all(unique.slice(i, i + 8).map((id) => getBook(api, id).catch(() => null)));
    for (const book of found) if (book) titles.set(book.id, book.title);
  }
  return titles;
}
