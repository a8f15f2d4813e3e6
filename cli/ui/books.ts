// How books look: a table for lists, a card for one book.
import type { BookQuery } from '../api/books.js';
import type { Book, Page } from '../api/types.js';
import { fields, money, pageFooter } from './format.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

/** A book as the details view shows it: the catalog's record with what inventory knows. */
export interface BookDetails extends Book {
  stock: number;
  /** Only when the caller may read inventory (logged in). */
  copies?: { total: number; available: number };
}

export async function bookList(page: Page<Book>, query: BookQuery, style: Style): Promise<string> {
  if (page.items.length === 0) {
    const asked = [query.q && `“${query.q}”`, query.topic && `topic ${query.topic}`, query.author && `author ${query.author}`].filter(Boolean);
    return page.total > 0 ? `No more books (there are ${page.total}).` : `No books match ${asked.join(', ') || 'in the catalog'}.`;
  }
  const table = await renderTable(
    [{ head: 'ID', keep: true }, { head: 'Title' }, { head: 'Authors' }, { head: 'Topic' }, { head: 'Year', align: 'right' }, { head: 'Price', align: 'right' }],
    page.items.map((b) => [b.id, b.title, b.authors.join(', '), b.topic, b.year ? String(b.year) : '', money(b.price)]),
    style,
  );
  return [table, pageFooter(page.items.length, query.offset ?? 0, page.total, style)].filter(Boolean).join('\n');
}

export function bookCard(book: BookDetails, style: Style): string {
  const copies = book.copies ? `${book.copies.available} of ${book.copies.total} available to borrow` : undefined;
  return [
    style.bold(book.title),
    `  by ${book.authors.join(', ')}`,
    fields(
      [
        ['ID', book.id],
        ['ISBN', book.isbn],
        ['Topic', book.topic],
        ['Year', book.year ? String(book.year) : undefined],
        ['Price', money(book.price)],
        ['For sale', book.stock > 0 ? `${book.stock} in stock` : style.warn('out of stock')],
        ['Copies', copies],
      ],
      style,
    ),
  ].join('\n');
}

/** “Clean Code” — Robert C. Martin (bk-1): one line, for choices and confirmations. */
export function bookLine(book: Pick<Book, 'id' | 'title' | 'authors'>): string {
  return `${book.title} — ${book.authors.join(', ')} (${book.id})`;
}

export function bookSaved(book: Book, verb: 'Added' | 'Updated', style: Style): string {
  return `${verb} ${style.bold(book.id)}: ${book.title} (ISBN ${book.isbn}, ${money(book.price)})`;
}
