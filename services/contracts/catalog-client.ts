// How other services read the catalog.
import type { Config } from '../shared/config.js';
import type { Tokens } from '../shared/auth.js';
import { POSITION_HEADER } from '../shared/http/change-feed.js';
import { pathSegment, ServiceClient } from '../shared/http/service-client.js';
import type { Book } from './catalog.js';

export class CatalogClient {
  constructor(private readonly http: ServiceClient) {}

  static fromConfig(config: Config, tokens: Tokens): CatalogClient {
    return new CatalogClient(new ServiceClient('catalog', config.urls.catalog, config.callTimeoutMs, tokens.serviceToken(config.service)));
  }

  /** The book, or null when the catalog has no such id. */
  async getBook(bookId: string, requestId?: string): Promise<Book | null> {
    return (await this.readBook(bookId, requestId)).book;
  }

  /** The book (or null) and the catalog's change-feed position it was read at, for a copy kept by a feed subscriber. */
  async readBook(bookId: string, requestId?: string): Promise<{ book: Book | null; position: string | undefined }> {
    const reply = await this.http.call<Book>('GET', `/books/${pathSegment(bookId)}`, `reading book ${bookId}`, { requestId, allow: [404] });
    const position = reply.headers[POSITION_HEADER];
    return { book: reply.status === 404 ? null : reply.body, position: typeof position === 'string' ? position : undefined };
  }
}
