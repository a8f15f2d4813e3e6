// What the benchmark asks of the services. Each scenario builds fresh autocannon options
// per run; per-connection state (whose token, which loan) lives in closures made by
// setupClient, because autocannon resets its own `context` at every pass.
import type { Client, Options, Request } from 'autocannon';
import type { ProcessName } from '../services/shared/config.js';
import { cancelReservations, returnOpenLoans, type Member } from './api.js';
import { FIRST_NAMES, SURNAMES, TITLE_WORDS, isbnFor, type Stocking } from './books-csv.js';

/** Books 1–20 lend and sell at full speed; book 21 sells out early, on purpose. */
export const HOT_BOOKS = Array.from({ length: 20 }, (_, i) => i + 1);
export const SCARCE_BOOK = 21;
export const HOT_STOCK = 50_000;
export const SCARCE_STOCK = 25;

export function stockingPlan(): Map<number, Stocking> {
  const plan = new Map<number, Stocking>(HOT_BOOKS.map((n) => [n, { copies: 5, stock: HOT_STOCK }]));
  plan.set(SCARCE_BOOK, { copies: 1, stock: SCARCE_STOCK });
  return plan;
}

export interface RunContext {
  books: number;
  gateway: string;
  catalog: string;
  members: Member[];
  /** The reading-room date the reservation scenario uses (scheduled by the fixture). */
  date: string;
  /** 201 answers per book id in the purchase scenario, warm-up included. */
  sold: Map<string, number>;
}

export interface Scenario {
  key: string;
  name: string;
  needs: ProcessName[];
  url: string;
  /** Statuses the scenario provokes on purpose; any other non-2xx is an error. */
  expected: number[];
  options(connections: number): Options;
  /** Whole-cycle times of the current run, for multi-request scenarios. */
  cycles?: number[];
  /** Clears what an interrupted cycle left behind, between warm-up and measurement. */
  tidy?(): Promise<void>;
  /** Run a second time with the generator at the services' priority, for the client's figures (CLIENT_PASS). */
  clientPass?: boolean;
}

/**
 * The second pass of the rows whose targets are a client's throughput or latency. The load
 * generator fires LOAD_NICE levels below the services, so that a service woken by a timer
 * is not kept from a core by it (the event-loop targets read that); but on a machine whose
 * two cores the services fill, the generator is then the one kept waiting: its connections
 * sit idle with answers unread, the services idle with them, and the wait reads as the
 * services' latency (on 2026-12-03, borrow + return 185–190 cycles/s at nice 10 against
 * 261–300 at the services' priority, runs side by side). A client on another machine has
 * neither wait. So these rows run twice: as every row (their event-loop delay counts), then
 * at the services' priority (key `<key>:client`), whose throughput and latency the targets read.
 */
export const CLIENT_PASS = { keySuffix: ':client', nameSuffix: ', generator at the services\' priority' } as const;

/** Queries people type: a title word, two words, a surname, a full name, an ISBN. */
export function searchQueries(books: number): string[] {
  const words = TITLE_WORDS.map((w, i) => (i % 3 === 0 ? `${w} ${TITLE_WORDS[(i * 7) % TITLE_WORDS.length]}` : w));
  const names = FIRST_NAMES.map((n, i) => (i % 2 === 0 ? SURNAMES[i % SURNAMES.length] : `${n} ${SURNAMES[i % SURNAMES.length]}`));
  const isbns = [1, 7, Math.ceil(books / 2), books].map((n) => isbnFor(n));
  return [...words, ...names, ...isbns].map(encodeURIComponent);
}

function perConnection(make: (index: number) => Request[]): (client: Client) => void {
  let next = 0;
  return (client) => client.setRequests(make(next++));
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function scenarios(ctx: RunContext): Scenario[] {
  const queries = searchQueries(ctx.books);
  const search = (base: string, prefix: string): Options => {
    let i = 0;
    return { url: base, requests: [{ setupRequest: (r) => ({ ...r, path: `${prefix}/books?q=${queries[i++ % queries.length]}` }) }] };
  };
  const member = (i: number) => ctx.members[i % ctx.members.length];
  const borrowCycles: number[] = [];
  const reserveCycles: number[] = [];
  return [
    { key: 'search-gateway', name: 'search via gateway', needs: ['gateway', 'catalog'], url: ctx.gateway, expected: [], clientPass: true, options: () => search(ctx.gateway, '/api') },
    { key: 'search-direct', name: 'search on catalog', needs: ['catalog'], url: ctx.catalog, expected: [], options: () => search(ctx.catalog, '') },
    {
      key: 'details',
      name: 'book details',
      needs: ['gateway', 'catalog'],
      url: ctx.gateway,
      expected: [],
      options: () => {
        let n = 0;
        // A stride through the catalog, so answers are not one cached book.
        return { url: ctx.gateway, requests: [{ setupRequest: (r) => ({ ...r, path: `/api/books/bk-${1 + ((n++ * 7919) % ctx.books)}` }) }] };
      },
    },
    {
      key: 'login',
      name: 'login',
      needs: ['gateway', 'users'],
      url: ctx.gateway,
      expected: [],
      options: () => ({
        url: ctx.gateway,
        setupClient: perConnection((i) => {
          const { username, password } = member(i);
          return [{ method: 'POST', path: '/api/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }];
        }),
      }),
    },
    {
      key: 'borrow-return',
      name: 'borrow + return',
      needs: ['gateway', 'loans', 'inventory', 'users'],
      url: ctx.gateway,
      expected: [409, 422],
      cycles: borrowCycles,
      clientPass: true,
      options: () => ({ url: ctx.gateway, setupClient: perConnection((i) => borrowReturn(member(i), `bk-${HOT_BOOKS[i % HOT_BOOKS.length]}`, borrowCycles)) }),
      tidy: async () => void (await Promise.all(ctx.members.map((m) => returnOpenLoans(ctx.gateway, m)))),
    },
    {
      key: 'purchase',
      name: 'purchase',
      needs: ['gateway', 'orders', 'inventory', 'catalog', 'users'],
      url: ctx.gateway,
      expected: [409],
      clientPass: true,
      options: () => ({ url: ctx.gateway, setupClient: perConnection((i) => purchase(member(i), i, ctx.sold)) }),
    },
    {
      key: 'reservation',
      name: 'reserve + cancel',
      needs: ['gateway', 'availability', 'users'],
      url: ctx.gateway,
      expected: [409],
      cycles: reserveCycles,
      options: () => ({ url: ctx.gateway, setupClient: perConnection((i) => reserveCancel(member(i), ctx.date, `bk-${1 + (i % 5)}`, reserveCycles)) }),
      tidy: async () => void (await Promise.all(ctx.members.map((m) => cancelReservations(ctx.gateway, m, ctx.date)))),
    },
  ];
}

/** Borrow a book, return that loan; a refused borrow starts the cycle again. */
function borrowReturn(member: Member, bookId: string, cycles: number[]): Request[] {
  let loanId: string | null = null;
  let started = 0;
  return [
    {
      method: 'POST',
      path: '/api/loans',
      headers: json(member.token),
      body: JSON.stringify({ bookId }),
      setupRequest: (r) => ((loanId = null), (started = performance.now()), r),
      onResponse: (status, body) => void (status === 201 && (loanId = (JSON.parse(body) as { id: string }).id)),
    },
    {
      method: 'POST',
      headers: bearer(member.token),
      setupRequest: (r) => (loanId ? { ...r, path: `/api/loans/${loanId}/return` } : null),
      onResponse: (status) => void (status === 200 && cycles.push(performance.now() - started)),
    },
  ];
}

/** One unit per order, through the hot books and the scarce one in turn. */
function purchase(member: Member, index: number, sold: Map<string, number>): Request[] {
  const rotation = [...HOT_BOOKS, SCARCE_BOOK].map((n) => `bk-${n}`);
  let turn = index;
  return [
    {
      method: 'POST',
      path: '/api/orders',
      headers: json(member.token),
      setupRequest: (r) => ({ ...r, body: JSON.stringify({ bookId: rotation[turn++ % rotation.length], quantity: 1 }) }),
      onResponse: (status, body) => {
        if (status !== 201) return;
        const { bookId, quantity } = JSON.parse(body) as { bookId: string; quantity: number };
        sold.set(bookId, (sold.get(bookId) ?? 0) + quantity);
      },
    },
  ];
}

function reserveCancel(member: Member, date: string, bookId: string, cycles: number[]): Request[] {
  let id: string | null = null;
  let started = 0;
  return [
    {
      method: 'POST',
      path: '/api/reservations',
      headers: json(member.token),
      body: JSON.stringify({ date, bookId }),
      setupRequest: (r) => ((id = null), (started = performance.now()), r),
      onResponse: (status, body) => void (status === 201 && (id = (JSON.parse(body) as { id: string }).id)),
    },
    {
      method: 'DELETE',
      headers: bearer(member.token),
      setupRequest: (r) => (id ? { ...r, path: `/api/reservations/${id}` } : null),
      onResponse: (status) => void (status === 200 && cycles.push(performance.now() - started)),
    },
  ];
}
