// The shop, through the gateway: buying and reading orders need a login; members see
// their own orders, librarians everyone's.
import { segment, type ApiClient } from './client.js';
import type { Page, PageQuery } from './types.js';
import type { Order } from '../../services/orders/types.js';

export type { Order };

export interface OrderFilter extends PageQuery {
  username?: string;
}

/**
 * POST /orders with an Idempotency-Key: should the answer be lost on the way, sending the
 * same key again gives back the same order instead of buying twice.
 */
export function placeOrder(api: ApiClient, order: { bookId: string; quantity: number }, idempotencyKey: string): Promise<Order> {
  return api.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function listOrders(api: ApiClient, filter: OrderFilter = {}): Promise<Page<Order>> {
  return api.get('/orders', { searchParams: { ...filter } });
}

export function getOrder(api: ApiClient, id: string): Promise<Order> {
  return api.get(`/orders/${segment(id)}`);
}
