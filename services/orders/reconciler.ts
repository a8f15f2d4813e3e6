// Finishes what a purchase left undone, so no unit of stock vanishes or is sold twice:
// an intent without an order gives its stock back; an order not yet confirmed gets its
// CSV row (if a crash lost it) and its stock take confirmed. Inventory may be down, so
// both are retried in the background until they succeed.
import type { LogFn } from '../shared/http/request-log.js';
import { isRefusal } from '../shared/http/service-client.js';
import { RetryRound } from '../shared/retry-round.js';
import type { CsvLog } from '../shared/store/csv-log.js';
import type { DurableStore } from '../shared/store/json-store.js';
import type { InventoryPort } from './service.js';
import { orderRow, takeId, type OrdersSchema } from './store.js';

export interface ReconcilerDeps {
  store: DurableStore<OrdersSchema>;
  orderLog: CsvLog;
  inventory: InventoryPort;
  log: LogFn;
  /** Pause between background retries, in milliseconds. */
  retryMs: number;
}

/** How many calls to inventory one round makes at a time. */
const BATCH = 32;

export class Reconciler {
  private readonly releases = new Set<string>();
  private readonly confirms = new Set<string>();
  private readonly round: RetryRound;

  constructor(private readonly deps: ReconcilerDeps) {
    this.round = new RetryRound({ name: 'reconcile', everyMs: deps.retryMs, log: deps.log, run: () => this.work() });
  }

  get pending(): { releases: number; confirms: number } {
    return { releases: this.releases.size, confirms: this.confirms.size };
  }

  /**
   * Start-up repair, before the first request: every intent left over is a purchase that
   * died before its order was recorded; every unconfirmed order may lack its CSV row.
   */
  async repair(): Promise<void> {
    const { store, orderLog, log } = this.deps;
    const open = [...store.values('orders')].filter((order) => order.stock === 'taken');
    if (open.length > 0) {
      // Only unconfirmed orders can lack their row: confirmation waits for the row's fsync.
      const logged = new Set((await orderLog.readAll()).map((row) => row.order_id));
      const missing = open.filter((order) => !logged.has(order.id));
      if (missing.length > 0) {
        await orderLog.append(missing.map(orderRow));
        log({ level: 'info', msg: `repair: appended ${missing.length} missing order row(s) to ${orderLog.file}` });
      }
    }
    for (const order of open) this.confirms.add(order.id);
    for (const intent of store.values('intents')) this.releases.add(intent.id);
    if (this.releases.size + this.confirms.size > 0) {
      log({ level: 'info', msg: `repair: ${this.releases.size} stock take(s) to release, ${this.confirms.size} to confirm` });
    }
  }

  /** Retries every pause, starting with one round now for what repair() queued. */
  start(): void {
    this.round.start();
    void this.round.runNow();
  }

  stop(): Promise<void> {
    return this.round.stop();
  }

  /** Gives back the stock of an intent whose purchase failed midway, then drops it. */
  queueRelease(intentId: string): void {
    this.releases.add(intentId);
  }

  queueConfirm(orderId: string): void {
    this.confirms.add(orderId);
  }

  /** Confirms one order's stock take now; on failure it stays queued for the next round. */
  async confirm(orderId: string, requestId?: string): Promise<void> {
    try {
      await this.deps.inventory.confirmStock(this.operationOf('orders', orderId), requestId);
      this.confirms.delete(orderId);
      this.settle(orderId, 'confirmed');
    } catch (error) {
      if (isRefusal(error)) {
        // e.g. take-expired with the units sold meanwhile: retrying cannot help, a human must.
        this.confirms.delete(orderId);
        this.deps.log({ level: 'error', msg: `order ${orderId}: inventory refused to confirm its stock: ${(error as Error).message}` });
        this.settle(orderId, 'refused');
      } else this.confirms.add(orderId);
    }
  }

  async release(intentId: string, requestId?: string): Promise<void> {
    try {
      await this.deps.inventory.releaseStock(this.operationOf('intents', intentId), requestId);
    } catch (error) {
      if (!isRefusal(error)) return void this.releases.add(intentId);
      this.deps.log({ level: 'error', msg: `intent ${intentId}: inventory refused to release its stock: ${(error as Error).message}` });
    }
    this.releases.delete(intentId);
    await this.deps.store.change((tx) => tx.remove('intents', intentId));
  }

  /** The take's operation id of an order or intent (the id itself for records from before). */
  private operationOf(collection: 'orders' | 'intents', id: string): string {
    const record = this.deps.store.get(collection, id);
    return record ? takeId(record) : id;
  }

  private async work(): Promise<void> {
    const jobs = [
      ...[...this.releases].map((id) => () => this.release(id)),
      ...[...this.confirms].map((id) => () => this.confirm(id)),
    ];
    for (let i = 0; i < jobs.length; i += BATCH) {
      const results = await Promise.allSettled(jobs.slice(i, i + BATCH).map((job) => job()));
      for (const result of results) {
        if (result.status === 'rejected') this.deps.log({ level: 'error', msg: `reconcile: ${String(result.reason)}` });
      }
    }
  }

  /**
   * Not awaited: if the flag is lost in a crash, the next start confirms again, which
   * inventory answers idempotently.
   */
  private settle(orderId: string, stock: 'confirmed' | 'refused'): void {
    this.deps.store
      .change((tx) => {
        const order = tx.get('orders', orderId);
        if (order && order.stock === 'taken') tx.put('orders', orderId, { ...order, stock });
      })
      .catch((error) => this.deps.log({ level: 'error', msg: `order ${orderId}: recording its stock as ${stock} failed: ${(error as Error).message}` }));
  }
}
