// The orders service's files under DATA_DIR/orders/: orders.json + orders.journal (orders,
// purchase intents, idempotency keys) and the append-only order_log.csv.
import path from 'node:path';
import { CsvLog, type CsvRow } from '../shared/store/csv-log.js';
import { DurableStore } from '../shared/store/json-store.js';
import type { Order } from './types.js';

export const ORDER_LOG_FILE = 'order_log.csv';
export const ORDER_LOG_COLUMNS = ['order_id', 'timestamp', 'username', 'book_id', 'title', 'quantity', 'unit_price', 'total'] as const;

/**
 * A purchase under way, written before inventory is asked for stock so that a crash
 * between the take and the order is repaired at the next start (the take is released).
 * It already holds the order it will become; its id is the inventory operation id.
 */
export interface Intent extends Order {
  /** The caller's Idempotency-Key and request fingerprint, kept with the order later. */
  key?: IdempotencyRecord;
  /**
   * The inventory operation id of this purchase's stock take: random, so unique forever. The
   * order id is not: `ord-N` starts again when orders' data is reset, and inventory would
   * take a new ord-1 for a replay of an old one. Absent on records from before: the order id.
   */
  operationId?: string;
}

/** The inventory operation id of an intent or order (see Intent.operationId). */
export const takeId = (record: { id: string; operationId?: string }): string => record.operationId ?? record.id;

export interface IdempotencyRecord {
  /** `<username>\n<key>`: keys are scoped per user. */
  scope: string;
  fingerprint: string;
}

export interface OrderRecord extends Order {
  /** Kept from the intent: what the take is confirmed with. */
  operationId?: string;
  /**
   * The stock take: "taken" until inventory confirms it (the CSV row is on disk before
   * that), "refused" when inventory would not confirm it (logged for a human to settle).
   */
  stock: 'taken' | 'confirmed' | 'refused';
}

export interface KeyRecord {
  scope: string;
  fingerprint: string;
  orderId: string;
}

export type OrdersSchema = {
  orders: OrderRecord;
  intents: Intent;
  keys: KeyRecord;
};

export interface OrderFiles {
  store: DurableStore<OrdersSchema>;
  orderLog: CsvLog;
  close(): Promise<void>;
}

export async function openOrderFiles(dir: string): Promise<OrderFiles> {
  const store = await DurableStore.open<OrdersSchema>({ dir, name: 'orders', collections: ['orders', 'intents', 'keys'] });
  let orderLog: CsvLog;
  try {
    orderLog = await CsvLog.open(path.join(dir, ORDER_LOG_FILE), ORDER_LOG_COLUMNS);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    orderLog,
    close: async () => {
      await Promise.all([store.close(), orderLog.close()]);
    },
  };
}

export function orderRow(order: Order): CsvRow {
  return {
    order_id: order.id,
    timestamp: order.createdAt,
    username: order.username,
    book_id: order.bookId,
    title: order.title,
    quantity: order.quantity,
    unit_price: order.unitPrice,
    total: order.total,
  };
}

/** The public view: no bookkeeping fields. */
export function toOrder(record: Order): Order {
  const { id, bookId, title, quantity, unitPrice, total, username, createdAt } = record;
  return { id, bookId, title, quantity, unitPrice, total, username, createdAt };
}
