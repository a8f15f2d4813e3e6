// How other services read the catalog.
import type { Config } from '../shared/config.js';
import type { Tokens } from '../shared/auth.js';
import { pathSegment, ServiceClient } from '../shared/http/service-client.js';
import type { Book } from './catalog.js';

export class CatalogClient {
  constructor(private readonly http: ServiceClient) {}

  static fromConfig(config: Config, tokens: Tokens): CatalogClient {
    return new CatalogClient(new ServiceClient('catalog', config.urls.catalog, config.callTimeoutMs, tokens.serviceToken(config.service)));
  }

  /** The book, or null when the catalog has no such id. */
  async getBook(bookId: string, requestId?: string): Promise<Book | null> {
    const reply = await this.http.call<Book>('GET', `/books/${pathSegment(bookId)}`, `reading book ${bookId}`, { requestId, allow: [404] });
    return reply.status === 404 ? null : reply.body;
  }
}
