// The shop's rules. A purchase is: note a durable intent (the order id, and a random
// inventory operation id stored with it) → take the stock → record the order and append its CSV row →
// answer, and confirm the take (with others, just after). Whatever fails midway is undone here or by the Reconciler, so a unit
// is never lost nor sold twice.
import type { Principal } from '../shared/auth.js';
import { isStaff } from '../shared/auth.js';
import type { LogFn } from '../shared/http/request-log.js';
import { paginate, roundMoney, type Page } from '../shared/http/validate.js';
import { Forbidden, NotFound, Problem } from '../shared/problem.js';
import type { CsvLog } from '../shared/store/csv-log.js';
import type { DurableStore } from '../shared/store/json-store.js';
import type { Book } from '../contracts/catalog.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import { idempotencyRecord, InFlight, KeyReused } from './idempotency.js';
import type { Reconciler } from './reconciler.js';
import { randomId } from '../shared/ids.js';
import { orderRow, takeId, toOrder, type IdempotencyRecord, type Intent, type OrdersSchema } from './store.js';
import type { Order, PlaceOrderRequest } from './types.js';
import { orderCounters } from './metrics.js';

export interface CatalogPort {
  getBook(bookId: string, requestId?: string): Promise<Book | null>;
}

export type InventoryPort = Pick<InventoryClient, 'takeStock' | 'confirmStocks' | 'releaseStock'>;

export interface OrderServiceDeps {
  store: DurableStore<OrdersSchema>;
  orderLog: CsvLog;
  catalog: CatalogPort;
  inventory: InventoryPort;
  reconciler: Reconciler;
  log: LogFn;
}

export interface Placed {
  order: Order;
  /** True when an Idempotency-Key named an order placed before. */
  replayed: boolean;
}

export class OrderService {
  private readonly inFlight = new InFlight();

  constructor(private readonly deps: OrderServiceDeps) {}

  /** Places an order, or answers the one an earlier request with the same key placed. */
  async place(user: Principal, request: PlaceOrderRequest, key?: string, requestId?: string): Promise<Placed> {
    if (key === undefined) return { order: await this.purchase(user, request, undefined, requestId), replayed: false };
    const idem = idempotencyRecord(user.username, key, request);
    // In-flight first: a recorded order is only answered once its row is on disk.
    const running = this.inFlight.join(idem);
    if (running) return { order: await running, replayed: true };
    const done = this.deps.store.get('keys', idem.scope);
    if (done) {
      if (done.fingerprint !== idem.fingerprint) throw new KeyReused(key);
      return { order: toOrder(this.deps.store.get('orders', done.orderId)!), replayed: true };
    }
    return { order: await this.inFlight.track(idem, this.purchase(user, request, idem, requestId)), replayed: false };
  }

  get(user: Principal, id: string): Order {
    const order = this.deps.store.get('orders', id);
    // Another member's order is "not found", so ids reveal nothing about other people.
    if (!order || (!isStaff(user) && order.username !== user.username)) throw new NotFound(`there is no order ${id}`);
    return toOrder(order);
  }

  list(user: Principal, query: { username?: string; limit: number; offset: number }): Page<Order> {
    if (!isStaff(user) && query.username !== undefined && query.username !== user.username) {
      throw new Forbidden('members can list only their own orders');
    }
    const username = isStaff(user) ? query.username : user.username;
    const mine = [...this.deps.store.values('orders')].filter((o) => username === undefined || o.username === username);
    mine.sort((a, b) => seqOf(b.id) - seqOf(a.id)); // newest first
    return paginate(mine.map(toOrder), query);
  }

  counts(): Record<string, number> {
    return { orders: this.deps.store.count('orders'), inFlight: this.inFlight.size };
  }

  private async purchase(user: Principal, request: PlaceOrderRequest, key: IdempotencyRecord | undefined, requestId?: string): Promise<Order> {
    const book = await this.deps.catalog.getBook(request.bookId, requestId);
    if (!book) throw new NotFound(`there is no book ${request.bookId} in the catalog`, 'unknown-book');
    const intent = await this.deps.store.change((tx) => {
      const id = `ord-${tx.nextSeq('order')}`;
      const unitPrice = roundMoney(book.price);
      const total = roundMoney(unitPrice * request.quantity);
      const operationId = randomId(`${id}-`);
      const created: Intent = { id, bookId: book.id, title: book.title, quantity: request.quantity, unitPrice, total, username: user.username, createdAt: new Date().toISOString(), key, operationId };
      tx.put('intents', id, created);
      return created;
    });
    await this.takeStock(intent, requestId);
    await this.record(intent);
    orderCounters.orders.inc();
    orderCounters.unitsSold.inc(intent.quantity);
    // The order and its row are durable and the units taken: the member has bought them.
    // Confirming the take is bookkeeping between the services (reconciler.ts), so the answer
    // does not wait for it.
    this.deps.reconciler.confirmSoon(intent.id, requestId);
    return toOrder(intent);
  }

  private async takeStock(intent: Intent, requestId?: string): Promise<void> {
    try {
      await this.deps.inventory.takeStock(takeId(intent), intent.bookId, intent.quantity, requestId);
    } catch (error) {
      if (error instanceof Problem && error.status < 500) {
        // Inventory said no (out of stock, unknown book): nothing was taken.
        this.dropIntent(intent.id);
      } else {
        // Unreachable or timed out: the take may have happened; give it back in the background.
        this.deps.reconciler.queueRelease(intent.id);
      }
      throw error;
    }
  }

  /** The order and its key in the store, then its row in the log; a failed row undoes the order. */
  private async record(intent: Intent): Promise<void> {
    const { key, ...fields } = intent;
    // A store that fails here refuses every later change; the next start repairs from disk.
    await this.deps.store.change((tx) => {
      tx.remove('intents', intent.id);
      tx.put('orders', intent.id, { ...fields, stock: 'taken' });
      if (key) tx.put('keys', key.scope, { ...key, orderId: intent.id });
    });
    try {
      await this.deps.orderLog.append([orderRow(intent)]);
    } catch (error) {
      this.deps.log({ level: 'error', msg: `order ${intent.id}: appending to ${this.deps.orderLog.file} failed; giving its stock back` });
      await this.deps.store.change((tx) => {
        tx.remove('orders', intent.id);
        if (key) tx.remove('keys', key.scope);
        tx.put('intents', intent.id, intent);
      });
      this.deps.reconciler.queueRelease(intent.id);
      throw error;
    }
  }

  private dropIntent(id: string): void {
    this.deps.store
      .change((tx) => tx.remove('intents', id))
      .catch((error) => this.deps.log({ level: 'error', msg: `intent ${id}: dropping it failed: ${(error as Error).message}` }));
  }
}

function seqOf(id: string): number {
  return Number(id.slice(id.indexOf('-') + 1));
}
