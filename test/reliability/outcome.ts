// What one request under churn came to. A 2xx is acknowledged and must survive; a refusal
// the contract names is fine; a 503 or a dropped connection leaves the outcome unknown.
// Anything else (a 500, a refusal nobody expects) is kept to fail the test with.
import type { LiveStack } from '../support/live-stack.js';
import type { Reply, SendOptions } from '../support/http.js';

export type Outcome = { kind: 'ok'; reply: Reply } | { kind: 'refused'; reply: Reply } | { kind: 'unknown' };

export class Tally {
  readonly counts = { ok: 0, refused: 0, unknown: 0 };
  readonly unexpected: string[] = [];

  /** For the test's message: how much load really ran. */
  summary(): string {
    return `${this.counts.ok} acknowledged, ${this.counts.refused} refused, ${this.counts.unknown} unknown`;
  }
}

/** Per request, so a request stuck on a dead socket does not hold a worker for ever. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends one request through the gateway. `refusals` are the problem types (slugs after
 * /problems/) the caller counts as an ordinary refusal.
 */
export async function attempt(
  stack: LiveStack,
  tally: Tally,
  method: string,
  route: string,
  options: SendOptions,
  refusals: string[] = [],
): Promise<Outcome> {
  let reply: Reply;
  try {
    reply = await stack.api(method, route, { ...options, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch {
    tally.counts.unknown++;
    return { kind: 'unknown' };
  }
  const type = String(reply.body?.type ?? '');
  if (reply.status >= 200 && reply.status < 300) {
    tally.counts.ok++;
    return { kind: 'ok', reply };
  }
  if (reply.status === 503 && type === '/problems/service-unavailable') {
    tally.counts.unknown++;
    return { kind: 'unknown' };
  }
  if (reply.status < 500 && refusals.some((slug) => type === `/problems/${slug}`)) {
    tally.counts.refused++;
    return { kind: 'refused', reply };
  }
  tally.unexpected.push(`${method} ${route} ${JSON.stringify(options.json ?? '')} → ${reply.status} ${JSON.stringify(reply.body)}`);
  tally.counts.unknown++;
  return { kind: 'unknown' };
}
