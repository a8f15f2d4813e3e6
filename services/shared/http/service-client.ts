// Calls from one service to another. Every call has a timeout, carries a service token
// and the request id, and fails with context: a service that cannot be reached becomes
// a 503 problem naming it; a refusal it sends (4xx problem) is passed on as it is.
//
// Built on keep-alive connections of its own (connection-pool.ts) rather than got or
// node:http's request(): these calls sit on the hot path of every purchase and loan, and
// got's per-request machinery (options merging, streams, hooks) cost about twice the CPU
// of the call itself, which halved the shop's throughput on two cores; node:http's Agent
// and request objects, two to three times what connection-pool.ts costs. got stays the
// client of the CLI, where that cost does not matter.
import type { IncomingHttpHeaders } from 'node:http';
import { ConnectionPool, WireError } from './connection-pool.js';
import { isWellFormed } from '../well-formed.js';
import { Invalid, Problem, ServiceUnavailable, type ProblemBody } from '../problem.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface CallOptions {
  json?: unknown;
  searchParams?: Record<string, string | number>;
  requestId?: string;
  /** Answer statuses the caller handles itself (e.g. 404) instead of an error. */
  allow?: number[];
}

export interface CallResult<T> {
  status: number;
  body: T;
  headers: IncomingHttpHeaders;
}

/**
 * The other service answered and said no (a 4xx problem): what was asked surely did not
 * happen, and asking again the same way cannot help, so a background repair gives it up.
 * 408 and 429 ask to be asked again later, and a 5xx or no answer leaves the outcome
 * unknown: none of those is a refusal.
 */
export function isRefusal(error: unknown): error is Problem {
  return error instanceof Problem && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

export class ServiceClient {
  private readonly base: URL;
  private readonly connections: ConnectionPool;

  constructor(
    readonly service: string,
    baseUrl: string,
    private readonly timeoutMs: number,
    private readonly token: () => Promise<string>,
  ) {
    this.base = new URL(baseUrl.replace(/\/+$/, '') + '/');
    this.connections = new ConnectionPool(this.base, 64);
  }

  /** `what` names the operation for error messages, e.g. "taking a copy of bk-12". */
  async call<T>(method: Method, path: string, what: string, options: CallOptions = {}): Promise<CallResult<T>> {
    let response: CallResult<unknown>;
    try {
      response = await this.send(method, path, options, await this.token());
    } catch (error) {
      const cause = (error as { code?: string; message: string }).code ?? (error as Error).message;
      throw new ServiceUnavailable(this.service, `${this.service}: ${what} failed: ${cause}`);
    }
    const { status, body, headers } = response;
    if (status < 400 || options.allow?.includes(status)) return { status, body: body as T, headers };
    const problem = body as ProblemBody;
    if (status >= 500 || typeof problem?.type !== 'string') {
      if (status === 503 && typeof problem?.type === 'string') throw Problem.fromBody(problem);
      throw new ServiceUnavailable(this.service, `${this.service}: ${what} failed with status ${status}`);
    }
    throw Problem.fromBody(problem);
  }

  /** One request, no retries (callers retry with their operation ids, never blindly). */
  private async send(method: Method, path: string, options: CallOptions, token: string): Promise<CallResult<unknown>> {
    // The path is sent as written: new URL() would resolve "." and ".." segments (and their
    // %2E forms) away, so a lookup of book "." would read /books/ instead of a 404.
    const query = new URLSearchParams(Object.entries(options.searchParams ?? {}).map(([k, v]) => [k, String(v)])).toString();
    const target = this.base.pathname + path.replace(/^\/+/, '') + (query ? `?${query}` : '');
    const payload = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
    if (options.requestId) headers['x-request-id'] = options.requestId;
    if (payload) headers['content-type'] = 'application/json';
    // The whole exchange, answer included, must fit in the timeout.
    const { status, headers: answered, body } = await this.connections.request(method, target, headers, payload, this.timeoutMs);
    return { status, body: parseJson(body), headers: answered };
  }
}

/**
 * One path segment, percent-encoded. A string that is not well-formed UTF-16 (a lone
 * surrogate) has no UTF-8 form and so names nothing: it is refused as bad input (422)
 * rather than letting encodeURIComponent throw a URIError that would surface as a 500.
 */
export function pathSegment(value: string): string {
  if (!isWellFormed(value)) throw new Invalid('an id holds an unpaired surrogate (not well-formed Unicode)');
  return encodeURIComponent(value);
}

/** An empty body is '' (as got gave it); anything else must be JSON. */
function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return '';
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new WireError('ERR_BODY_PARSE_FAILURE', (error as Error).message);
  }
}
