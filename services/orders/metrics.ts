// Orders' own counters on GET /metrics, counted where a purchase is recorded.
import { metricsFor } from '../shared/metrics.js';

const metrics = metricsFor('orders');

export const orderCounters = {
  orders: metrics.counter('library_orders_total', 'Orders recorded (stock taken, row in the order log)'),
  unitsSold: metrics.counter('library_units_sold_total', 'Units sold, summed over recorded orders'),
};
