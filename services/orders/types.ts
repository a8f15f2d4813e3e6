// The orders contract: what its routes take and answer.

/**
 * POST /orders { bookId, quantity } with an optional Idempotency-Key header (1–255
 * printable ASCII characters, scoped per user).
 * 201 Order. The same key with the same body answers 201 with the same order again (and
 * the header `Idempotent-Replayed: true`), buying nothing more; the same key with another
 * body → 422 /problems/idempotency-key-reused.
 * 404 /problems/unknown-book, 409 /problems/out-of-stock, 503 /problems/service-unavailable.
 */
export interface PlaceOrderRequest {
  bookId: string;
  quantity: number; // whole number 1..100
}

/** POST /purchase/:bookId — the classic form: one unit, no body. Answers like POST /orders. */

export interface Order {
  id: string; // "ord-1"
  bookId: string;
  /** Title and unit price as the catalog had them when the order was placed. */
  title: string;
  quantity: number;
  unitPrice: number;
  total: number;
  username: string;
  createdAt: string;
}

/** GET /orders?username=&limit=&offset= — newest first; members see only their own. */
export interface OrderList {
  items: Order[];
  total: number;
}

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
