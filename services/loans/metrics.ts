// Loans' own counters on GET /metrics; each is counted where its rule completes.
import { metricsFor } from '../shared/metrics.js';

const metrics = metricsFor('loans');

export const loanCounters = {
  loans: metrics.counter('library_loans_total', 'Loans made (borrow and librarian checkout)'),
  returns: metrics.counter('library_returns_total', 'Loans closed by a return'),
  renewals: metrics.counter('library_renewals_total', 'Loans renewed'),
  holds: metrics.counter('library_holds_total', 'Holds placed'),
};
