// Finishes what a purchase left undone, so no unit of stock vanishes or is sold twice:
// an intent without an order gives its stock back; an order not yet confirmed gets its
// CSV row (if a crash lost it) and its stock take confirmed. Inventory may be down, so
// both are retried in the background until they succeed.
//
// A purchase is answered once its order and CSV row are on disk; its take is confirmed
// just after (confirmSoon), with the takes of the purchases made meanwhile, in one call to
// inventory (POST /internal/stock/confirm-many): one call is out at a time, and the next
// carries every order recorded while it was out. A crash before that is repaired at start.
import type { LogFn } from '../shared/http/request-log.js';
import { isRefusal } from '../shared/http/service-client.js';
import { Problem } from '../shared/problem.js';
import { CONFIRM_MANY_MAX } from '../contracts/inventory.js';
import { NextBatch } from '../shared/next-batch.js';
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
  /** Orders whose take waits for the next round (a failed confirmation, or one repair() found). */
  private readonly confirms = new Set<string>();
  /** Orders just recorded (with their request ids), one confirm-many call out at a time; and those in a call out now. */
  private readonly soon = new NextBatch<string, string | undefined>((batch) => this.confirmMany([...batch.keys()], batch.values().next().value), CONFIRM_MANY_MAX);
  private readonly out = new Set<string>();
  /** After stop(): a purchase still finishing leaves its confirmation to the next start's repair. */
  private stopped = false;
  private readonly round: RetryRound;

  constructor(private readonly deps: ReconcilerDeps) {
    this.round = new RetryRound({ name: 'reconcile', everyMs: deps.retryMs, log: deps.log, run: () => this.work() });
  }

  get pending(): { releases: number; confirms: number } {
    const confirms = new Set([...this.confirms, ...this.soon.keys(), ...this.out]);
    return { releases: this.releases.size, confirms: confirms.size };
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

  /** Waits for the confirmations under way, so that none settles into closed files. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.round.stop();
    await this.soon.idle();
  }

  /** Gives back the stock of an intent whose purchase failed midway, then drops it. */
  queueRelease(intentId: string): void {
    this.releases.add(intentId);
  }

  /**
   * Confirms a just-recorded order's stock take in the next confirm-many call (at once when
   * none is out). Not awaited by the purchase; a failure leaves it for the next round.
   */
  confirmSoon(orderId: string, requestId?: string): void {
    if (this.stopped) return void this.confirms.add(orderId);
    // Each call carries the request id of the first purchase in it.
    this.soon.add(orderId, requestId);
  }

  /** Confirms the takes of `orderIds` in one call; what inventory could not answer waits for the next round. */
  private async confirmMany(orderIds: string[], requestId?: string): Promise<void> {
    for (const id of orderIds) {
      this.out.add(id);
      this.confirms.delete(id);
    }
    try {
      const results = await this.deps.inventory.confirmStocks(orderIds.map((id) => this.operationOf('orders', id)), requestId);
      orderIds.forEach((orderId, i) => {
        const result = results[i];
        if (result && 'take' in result) return this.settle(orderId, 'confirmed');
        const problem = result ? Problem.fromBody(result.problem) : null;
        if (problem && isRefusal(problem)) {
          // e.g. take-expired with the units sold meanwhile: retrying cannot help, a human must.
          this.deps.log({ level: 'error', msg: `order ${orderId}: inventory refused to confirm its stock: ${problem.message}` });
          return this.settle(orderId, 'refused');
        }
        this.confirms.add(orderId);
      });
    } catch (error) {
      for (const id of orderIds) this.confirms.add(id);
      this.deps.log({ level: 'warn', requestId, msg: `confirming ${orderIds.length} stock take(s) failed, will retry: ${(error as Error).message}` });
    } finally {
      for (const id of orderIds) this.out.delete(id);
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
    const jobs = [...this.releases].map((id) => () => this.release(id));
    for (let i = 0; i < jobs.length; i += BATCH) {
      const results = await Promise.allSettled(jobs.slice(i, i + BATCH).map((job) => job()));
      for (const result of results) {
        if (result.status === 'rejected') this.deps.log({ level: 'error', msg: `reconcile: ${String(result.reason)}` });
      }
    }
    const confirms = [...this.confirms].filter((id) => !this.out.has(id));
    for (let i = 0; i < confirms.length; i += CONFIRM_MANY_MAX) await this.confirmMany(confirms.slice(i, i + CONFIRM_MANY_MAX));
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
