// A typed HTTP client for the gateway. Every public route lives under /api; answers are
// JSON, refusals become ApiProblem and connection failures Unreachable. No prompts, no
// colours, no exits: callers decide what a failure means for the user.
import got, { type Got, type Method } from 'got';
import { ApiProblem, Unreachable, type ProblemDocument } from './errors.js';

export const DEFAULT_URL = 'http://127.0.0.1:5000';
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ApiClientOptions {
  baseUrl?: string;
  /** Read at each call, so a login during a menu session is used at once. */
  token?: () => string | undefined;
  timeoutMs?: number;
}

export interface CallOptions {
  json?: unknown;
  searchParams?: Record<string, string | number | undefined>;
  /** Public reads go without a token, so a stale session cannot break them. */
  auth?: boolean;
  /** Outside /api, e.g. the gateway's own /health. */
  root?: boolean;
  /** Statuses answered as a value instead of an ApiProblem (e.g. 503 of /health). */
  accept?: number[];
  headers?: Record<string, string>;
}

export interface Reply<T> {
  status: number;
  body: T;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly http: Got;
  private readonly token: () => string | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl || DEFAULT_URL).replace(/\/+$/, '');
    this.token = options.token ?? (() => undefined);
    this.http = got.extend({
      timeout: { request: options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      // Only a read is retried, once, and only when a kept-alive socket was closed under
      // it; a write is never sent twice.
      retry: { limit: 1, methods: ['GET'], statusCodes: [], errorCodes: ['ECONNRESET', 'EPIPE'], backoffLimit: 100 },
      throwHttpErrors: false,
      responseType: 'text',
      headers: { 'user-agent': 'library-cli', accept: 'application/json, application/problem+json' },
    });
  }

  get<T>(path: string, options: CallOptions = {}): Promise<T> {
    return this.body<T>('GET', path, options);
  }

  post<T>(path: string, json?: unknown, options: CallOptions = {}): Promise<T> {
    return this.body<T>('POST', path, { ...options, json });
  }

  put<T>(path: string, json: unknown, options: CallOptions = {}): Promise<T> {
    return this.body<T>('PUT', path, { ...options, json });
  }

  patch<T>(path: string, json: unknown, options: CallOptions = {}): Promise<T> {
    return this.body<T>('PATCH', path, { ...options, json });
  }

  delete<T = unknown>(path: string, options: CallOptions = {}): Promise<T> {
    return this.body<T>('DELETE', path, options);
  }

  /** One call: the status and the parsed body, or an ApiProblem / Unreachable. */
  async call<T>(method: Method, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const url = this.baseUrl + (options.root ? '' : '/api') + path;
    const token = options.auth === false ? undefined : this.token();
    let response;
    try {
      response = await this.http(url, {
        method,
        json: options.json,
        searchParams: cleanParams(options.searchParams),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
      });
    } catch (error) {
      throw new Unreachable('gateway', this.baseUrl, describeFailure(error));
    }
    const { statusCode: status } = response;
    const requestId = response.headers['x-request-id'] as string | undefined;
    const body = parseJson(response.body);
    if (body === NOT_JSON) {
      throw new Unreachable('gateway', this.baseUrl, `answered ${method} ${path} with status ${status} and no JSON; is LIBRARY_URL the library gateway?`);
    }
    if (status < 400 || options.accept?.includes(status)) return { status, body: body as T };
    throw new ApiProblem(asProblem(body, status), requestId);
  }

  private async body<T>(method: Method, path: string, options: CallOptions): Promise<T> {
    return (await this.call<T>(method, path, options)).body;
  }
}

/** Encodes one path segment, so an id can never step out of its route. */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

const NOT_JSON = Symbol('not json');

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function asProblem(body: unknown, status: number): ProblemDocument {
  const candidate = body as Partial<ProblemDocument> | undefined;
  if (candidate && typeof candidate.type === 'string' && typeof candidate.title === 'string') {
    return { ...candidate, status: candidate.status ?? status } as ProblemDocument;
  }
  // An error that is not problem+json still deserves a readable line.
  return { type: 'about:blank', title: `HTTP ${status}`, status, detail: 'the service answered with an error' };
}

function cleanParams(params?: Record<string, string | number | undefined>): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const kept = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return kept.length > 0 ? (Object.fromEntries(kept) as Record<string, string | number>) : undefined;
}

function describeFailure(error: unknown): string {
  const e = error as { code?: string; message?: string; name?: string };
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') return 'no answer in time (timed out)';
  if (e.code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED); is it running? start it with ./startup.sh';
  if (e.code === 'ENOTFOUND') return 'unknown host (ENOTFOUND); check LIBRARY_URL';
  return e.code ? `${e.code}: ${e.message}` : (e.message ?? String(error));
}
