// Calls from one service to another. Every call has a timeout, carries a service token
// and the request id, and fails with context: a service that cannot be reached becomes
// a 503 problem naming it; a refusal it sends (4xx problem) is passed on as it is.
import got, { type Got, type Method } from 'got';
import http from 'node:http';
import { Problem, ServiceUnavailable, type ProblemBody } from '../problem.js';

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
}

export class ServiceClient {
  private readonly http: Got;

  constructor(
    readonly service: string,
    baseUrl: string,
    timeoutMs: number,
    private readonly token: () => Promise<string>,
  ) {
    this.http = got.extend({
      prefixUrl: baseUrl,
      timeout: { request: timeoutMs },
      retry: { limit: 0 }, // callers retry with their operation ids, never blindly
      throwHttpErrors: false,
      responseType: 'json',
      agent: { http: new http.Agent({ keepAlive: true, maxSockets: 64 }) },
    });
  }

  /** `what` names the operation for error messages, e.g. "taking a copy of bk-12". */
  async call<T>(method: Method, path: string, what: string, options: CallOptions = {}): Promise<CallResult<T>> {
    let response;
    try {
      response = await this.http<T>(path.replace(/^\//, ''), {
        method,
        json: options.json,
        searchParams: options.searchParams,
        headers: {
          authorization: `Bearer ${await this.token()}`,
          ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        },
      });
    } catch (error) {
      const cause = (error as { code?: string; message: string }).code ?? (error as Error).message;
      throw new ServiceUnavailable(this.service, `${this.service}: ${what} failed: ${cause}`);
    }
    const { statusCode: status, body } = response;
    if (status < 400 || options.allow?.includes(status)) return { status, body };
    const problem = body as unknown as ProblemBody;
    if (status >= 500 || typeof problem?.type !== 'string') {
      if (status === 503 && typeof problem?.type === 'string') throw Problem.fromBody(problem);
      throw new ServiceUnavailable(this.service, `${this.service}: ${what} failed with status ${status}`);
    }
    throw Problem.fromBody(problem);
  }
}
