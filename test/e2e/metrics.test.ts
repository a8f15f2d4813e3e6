// GET /metrics on every service and the gateway, scraped from the real processes while a
// member borrows, renews, returns, holds, buys and reserves through the gateway: request
// counts by route template (never a raw id), process metrics, refusals by problem type and
// each service's own counters moving by what was done.
import assert from 'node:assert/strict';
import { DEFAULT_PORTS, envName, type ProcessName } from '../../services/shared/config.js';
import { send } from '../support/http.js';
import { useFullStack } from '../support/stack.js';

type Labels = Record<string, string>;

/** The value of one sample, 0 when the series does not exist (yet). */
function sample(text: string, name: string, labels: Labels = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const seen = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => seen[k] === v)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('GET /metrics on every process', function () {
  this.timeout(90_000);
  const stack = useFullStack();
  const url = (name: ProcessName) => stack().env[envName(name, 'URL')];
  const earlier = new Map<ProcessName, string>();
  const later = new Map<ProcessName, string>();
  let loanId = '';

  async function scrape(name: ProcessName): Promise<string> {
    const reply = await fetch(`${url(name)}/metrics`);
    assert.equal(reply.status, 200, `${name} /metrics`);
    assert.match(reply.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return reply.text();
  }

  async function member(username: string): Promise<string> {
    const password = `${username}-password-123`;
    const gateway = stack().gatewayUrl;
    const made = await send(gateway, 'POST', '/api/register', { json: { username, password, name: `Reader ${username}`, email: `${username}@example.org` } });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const login = await send(gateway, 'POST', '/api/login', { json: { username, password } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    return login.body.token as string;
  }

  before(async function () {
    this.timeout(60_000);
    for (const name of Object.keys(DEFAULT_PORTS) as ProcessName[]) earlier.set(name, await scrape(name));
    const gateway = stack().gatewayUrl;
    const [ada, bo] = [await member('metrics-ada'), await member('metrics-bo')];
    const ok = (reply: { status: number; body: unknown }, status: number) => assert.equal(reply.status, status, JSON.stringify(reply.body));
    const loan = await send(gateway, 'POST', '/api/loans', { token: ada, json: { bookId: 'bk-1' } });
    ok(loan, 201);
    loanId = loan.body.id;
    ok(await send(gateway, 'POST', `/api/loans/${loanId}/renew`, { token: ada }), 200);
    ok(await send(gateway, 'POST', `/api/loans/${loanId}/return`, { token: ada }), 200);
    ok(await send(gateway, 'POST', '/api/loans', { token: ada, json: { bookId: 'bk-2' } }), 201); // its only copy
    ok(await send(gateway, 'POST', '/api/holds', { token: bo, json: { bookId: 'bk-2' } }), 201);
    ok(await send(gateway, 'POST', '/api/orders', { token: bo, json: { bookId: 'bk-4', quantity: 2 } }), 201);
    ok(await send(gateway, 'POST', '/api/orders', { token: bo, json: { bookId: 'bk-2', quantity: 1 } }), 409); // none for sale
    const schedule = (await send(gateway, 'GET', '/api/schedule')).body as Record<string, { bookId: string; free: number }[]>;
    const [date, offers] = Object.entries(schedule).find(([, offers]) => offers.some((o) => o.free > 0))!;
    ok(await send(gateway, 'POST', '/api/reservations', { token: bo, json: { date, bookId: offers.find((o) => o.free > 0)!.bookId } }), 201);
    ok(await send(gateway, 'GET', '/api/metrics'), 404);
    for (const name of Object.keys(DEFAULT_PORTS) as ProcessName[]) later.set(name, await scrape(name));
  });

  const moved = (name: ProcessName, metric: string, labels: Labels = {}) =>
    sample(later.get(name)!, metric, labels) - sample(earlier.get(name)!, metric, labels);

  it('every process: process metrics, its service label, and no raw id in any route label', () => {
    for (const [name, text] of later) {
      assert.ok(sample(text, 'process_cpu_user_seconds_total', { service: name }) > 0, `${name} has process metrics`);
      assert.ok(sample(text, 'http_request_duration_seconds_count', { route: '/health', status: '200' }) > 0, `${name} timed its /health`);
      assert.ok(!text.includes(loanId + '"') && !/route="[^"]*(ln|bk|hd|ord|rs)-\d/.test(text), `${name} labels no raw path`);
    }
  });

  it('loans: loans, renewals, returns and holds move, by route template', () => {
    assert.equal(moved('loans', 'library_loans_total'), 2);
    assert.equal(moved('loans', 'library_renewals_total'), 1);
    assert.equal(moved('loans', 'library_returns_total'), 1);
    assert.equal(moved('loans', 'library_holds_total'), 1);
    assert.equal(moved('loans', 'http_requests_total', { method: 'POST', route: '/loans/:id/return', status: '200' }), 1);
    assert.equal(moved('loans', 'http_requests_total', { method: 'POST', route: '/loans', status: '201' }), 2);
  });

  it("loans and orders: their stores' flush latency and journal size move with the writes", () => {
    for (const [name, journal, log] of [['loans', 'loans.journal', 'loan_history.csv'], ['orders', 'orders.journal', 'order_log.csv']] as const) {
      assert.ok(moved(name, 'library_store_flush_seconds_count', { store: journal }) >= 2, `${name} ${journal} flushes`);
      assert.ok(moved(name, 'library_store_flush_seconds_count', { store: log }) >= 1, `${name} ${log} flushes`);
      assert.ok(sample(later.get(name)!, 'library_store_journal_bytes', { store: journal }) > 0, `${name} journal size`);
      assert.equal(sample(later.get(name)!, 'library_store_journal_bytes', { store: 'users.journal' }), 0, `${name} reports only its own stores`);
    }
  });

  it('orders: orders and units sold move; an out-of-stock refusal is counted by its type', () => {
    assert.equal(moved('orders', 'library_orders_total'), 1);
    assert.equal(moved('orders', 'library_units_sold_total'), 2);
    assert.equal(moved('orders', 'library_refusals_total', { problem: 'out-of-stock', status: '409' }), 1);
    assert.equal(moved('orders', 'http_requests_total', { method: 'POST', route: '/orders', status: '201' }), 1);
  });

  it('availability: reservations move', () => {
    assert.equal(moved('availability', 'library_reservations_total'), 1);
    assert.equal(moved('availability', 'http_requests_total', { method: 'POST', route: '/reservations', status: '201' }), 1);
  });

  it('users: registrations and logins by route template', () => {
    assert.equal(moved('users', 'http_requests_total', { method: 'POST', route: '/register', status: '201' }), 2);
    assert.equal(moved('users', 'http_requests_total', { method: 'POST', route: '/login', status: '200' }), 2);
  });

  it('inventory: the takes of loans and purchases by route template', () => {
    assert.equal(moved('inventory', 'http_requests_total', { method: 'POST', route: '/internal/copies/take', status: '201' }), 2);
    assert.equal(moved('inventory', 'http_requests_total', { method: 'POST', route: '/internal/stock/take', status: '201' }), 1);
  });

  it('catalog: book lookups by route template', () => {
    assert.ok(moved('catalog', 'http_requests_total', { method: 'GET', route: '/books/:id', status: '200' }) >= 1);
  });

  it('gateway: its routes by service prefix, /api/metrics is not routed', () => {
    assert.equal(moved('gateway', 'http_requests_total', { method: 'POST', route: '/api/loans/*', status: '200' }), 2);
    assert.equal(moved('gateway', 'http_requests_total', { method: 'GET', route: 'other', status: '404' }), 1);
    assert.equal(moved('gateway', 'library_refusals_total', { problem: 'not-found', status: '404' }), 1);
  });
});
