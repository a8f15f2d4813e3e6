// How other services talk to inventory: one named function per call, each failing
// with context ("inventory: taking a copy of bk-12 failed: …").
import type { Config } from '../shared/config.js';
import type { Tokens } from '../shared/auth.js';
import { pathSegment, ServiceClient } from '../shared/http/service-client.js';
import type { BookInventory, BookInventoryDetail, Confirmation, Confirmations, Copy, CopyTake, StockTake } from './inventory.js';

export class InventoryClient {
  constructor(private readonly http: ServiceClient) {}

  static fromConfig(config: Config, tokens: Tokens): InventoryClient {
    return new InventoryClient(new ServiceClient('inventory', config.urls.inventory, config.callTimeoutMs, tokens.serviceToken(config.service)));
  }

  async takeCopy(operationId: string, target: { bookId: string } | { barcode: string }, requestId?: string): Promise<CopyTake> {
    const what = 'bookId' in target ? `taking a copy of ${target.bookId}` : `taking copy ${target.barcode}`;
    return (await this.http.call<CopyTake>('POST', '/internal/copies/take', what, { json: { operationId, ...target }, requestId })).body;
  }

  async confirmCopy(operationId: string, requestId?: string): Promise<CopyTake> {
    return (await this.http.call<CopyTake>('POST', '/internal/copies/confirm', `confirming copy take ${operationId}`, { json: { operationId }, requestId })).body;
  }

  /** Confirms many copy takes in one call: per id asked, the take or the problem /internal/copies/confirm would have answered. */
  confirmCopies(operationIds: string[], requestId?: string): Promise<(Confirmation<CopyTake> | undefined)[]> {
    return this.confirmMany<CopyTake>('copies', operationIds, requestId);
  }

  /** Releases a take; an operation inventory never saw counts as released. */
  async releaseCopy(operationId: string, requestId?: string): Promise<void> {
    await this.http.call('POST', '/internal/copies/release', `releasing copy take ${operationId}`, { json: { operationId }, requestId, allow: [404] });
  }

  async checkinCopy(operationId: string, barcode: string, shelf: 'available' | 'on-hold-shelf', requestId?: string): Promise<Copy> {
    const what = `checking in copy ${barcode}`;
    return (await this.http.call<Copy>('POST', '/internal/copies/checkin', what, { json: { operationId, barcode, shelf }, requestId })).body;
  }

  async takeStock(operationId: string, bookId: string, quantity: number, requestId?: string): Promise<StockTake> {
    const what = `taking ${quantity} unit(s) of ${bookId}`;
    return (await this.http.call<StockTake>('POST', '/internal/stock/take', what, { json: { operationId, bookId, quantity }, requestId })).body;
  }

  /** Confirms many stock takes in one call: per id asked, the take or the problem /internal/stock/confirm would have answered. */
  confirmStocks(operationIds: string[], requestId?: string): Promise<(Confirmation<StockTake> | undefined)[]> {
    return this.confirmMany<StockTake>('stock', operationIds, requestId);
  }

  /**
   * One POST /internal/<ledger>/confirm-many. The results come back in the order asked; each is
   * checked against its id (undefined when inventory gave none for it), so a caller never
   * takes one id's answer for another's.
   */
  private async confirmMany<Take>(ledger: 'copies' | 'stock', operationIds: string[], requestId?: string): Promise<(Confirmation<Take> | undefined)[]> {
    const what = `confirming ${operationIds.length} ${ledger === 'copies' ? 'copy' : 'stock'} take(s)`;
    const { results } = (await this.http.call<Confirmations<Take>>('POST', `/internal/${ledger}/confirm-many`, what, { json: { operationIds }, requestId })).body;
    return operationIds.map((id, i) => (results?.[i]?.operationId === id ? results[i] : undefined));
  }

  async releaseStock(operationId: string, requestId?: string): Promise<void> {
    await this.http.call('POST', '/internal/stock/release', `releasing stock take ${operationId}`, { json: { operationId }, requestId, allow: [404] });
  }

  /** A book's copies and stock, or null when inventory has no record of it. */
  async getBook(bookId: string, requestId?: string): Promise<BookInventoryDetail | null> {
    const reply = await this.http.call<BookInventoryDetail>('GET', `/inventory/${pathSegment(bookId)}`, `reading the inventory of ${bookId}`, { requestId, allow: [404] });
    return reply.status === 404 ? null : reply.body;
  }

  async summary(bookId: string, requestId?: string): Promise<BookInventory | null> {
    return this.getBook(bookId, requestId);
  }
}
