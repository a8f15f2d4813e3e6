// The reading room's own counters on GET /metrics.
import { metricsFor } from '../shared/metrics.js';

const metrics = metricsFor('availability');

export const roomCounters = {
  reservations: metrics.counter('library_reservations_total', 'Reading-room seats reserved'),
};
