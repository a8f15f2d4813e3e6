// The catalog contract.

export interface Book {
  id: string; // "bk-1"
  isbn: string; // ISBN-13, digits only
  title: string;
  authors: string[];
  topic: string;
  year?: number;
  price: number; // currency units, cents at most
  createdAt: string;
  updatedAt: string;
}

/**
 * POST /books and PUT /books/:id (librarian). `isbn` may be an ISBN-10 or ISBN-13 with
 * hyphens or spaces; it is stored as the 13 digits. PUT replaces every field, so a PUT
 * without `year` removes it. `id`, `createdAt` and `updatedAt` are refused (422).
 */
export interface BookInput {
  isbn: string;
  title: string;
  authors: string[];
  topic: string; // lowercase slug, e.g. "distributed-systems"
  year?: number;
  price: number;
}

/** PATCH /books/:id (librarian): some of the fields; `year: null` removes the year. */
export type BookPatch = Partial<Omit<BookInput, 'year'>> & { year?: number | null };

/** GET /books?q=&topic=&author=&limit=&offset= → Page<Book>, title matches first. */
export interface BookQuery {
  q?: string;
  topic?: string;
  author?: string;
  limit: number;
  offset: number;
}

/** GET /topics → Page<TopicCount>, by topic name. */
export interface TopicCount {
  topic: string;
  count: number;
}

/** GET /search/:topic → Page<BookSummary> (the classic form). */
export interface BookSummary {
  id: string;
  title: string;
}

/** GET /info/:id (the classic form); `stock` is what inventory has for sale now. */
export interface BookInfo {
  id: string;
  title: string;
  topic: string;
  price: number;
  stock: number;
}
