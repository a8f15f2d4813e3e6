// Idempotency-Key handling. A key is scoped per user. While a request with a key is
// under way, a second one with the same key waits for the first and gets its answer;
// once the order is recorded, the key → order id mapping is durable in the store.
import { Problem } from '../shared/problem.js';
import type { IdempotencyRecord } from './store.js';
import type { Order, PlaceOrderRequest } from './types.js';

/** 1–255 printable ASCII characters, as the IETF Idempotency-Key draft suggests. */
export const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

export class KeyReused extends Problem {
  constructor(key: string) {
    super(
      422,
      'idempotency-key-reused',
      'Idempotency key reused',
      `the Idempotency-Key "${key}" was already used with a different request; use a new key for a new order`,
    );
  }
}

export function idempotencyRecord(username: string, key: string, request: PlaceOrderRequest): IdempotencyRecord {
  return { scope: `${username}\n${key}`, fingerprint: JSON.stringify([request.bookId, request.quantity]) };
}

export function keyOf(record: IdempotencyRecord): string {
  return record.scope.slice(record.scope.indexOf('\n') + 1);
}

/** Requests with a key that are still running, so a concurrent repeat joins them. */
export class InFlight {
  private readonly running = new Map<string, { fingerprint: string; promise: Promise<Order> }>();

  get size(): number {
    return this.running.size;
  }

  /** The running order for this key, or undefined; a different body is refused. */
  join(record: IdempotencyRecord): Promise<Order> | undefined {
    const hit = this.running.get(record.scope);
    if (!hit) return undefined;
    if (hit.fingerprint !== record.fingerprint) throw new KeyReused(keyOf(record));
    return hit.promise;
  }

  /** Registers `promise` under the key until it settles. */
  track(record: IdempotencyRecord, promise: Promise<Order>): Promise<Order> {
    this.running.set(record.scope, { fingerprint: record.fingerprint, promise });
    const forget = () => {
      this.running.delete(record.scope);
    };
    promise.then(forget, forget);
    return promise;
  }
}
