// Calls to the gateway's /api, the same HTTP API the terminal client uses. A refusal
// becomes an ApiProblem (its problem+json title and detail); no answer at all becomes
// Unreachable. A 401 on a call made with a token means the session ended: the user is
// asked to log in again in place and the same call is sent once more, so a form being
// filled in is never lost.
import { session } from './session.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  service?: string;
  [extension: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The service behind the gateway that is down, when that is what this is. */
  get downService(): string | undefined {
    return this.problem.status >= 502 && this.problem.status <= 504 ? String(this.problem.service ?? 'a service') : undefined;
  }
}

export class Unreachable extends Error {
  constructor(readonly reason: string) {
    super(`The library is not answering (${reason}). Check that its services are running, then try again.`);
  }
}

export interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Public reads go without a token, so an ended session cannot break them. */
  auth?: boolean;
  signal?: AbortSignal;
}

type Hook = (error: ApiProblem | Unreachable) => void;
let reauthenticate: (problem: ApiProblem) => Promise<boolean> = async () => false;
let onTrouble: Hook = () => {};

/** Set once at start-up: how to ask for a login, and who to tell about an outage. */
export function configureApi(hooks: { reauthenticate: typeof reauthenticate; onTrouble: Hook }): void {
  reauthenticate = hooks.reauthenticate;
  onTrouble = hooks.onTrouble;
}

export async function api<T>(path: string, call: Call = {}): Promise<T> {
  const auth = call.auth !== false;
  try {
    return await send<T>(path, call, auth);
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.status !== 401 || !auth) throw report(error);
    if (!(await reauthenticate(error))) throw error;
    return send<T>(path, call, auth).catch((again: unknown) => Promise.reject(report(again)));
  }
}

function report(error: unknown): unknown {
  if (error instanceof Unreachable || (error instanceof ApiProblem && error.downService)) onTrouble(error);
  return error;
}

async function send<T>(path: string, call: Call, auth: boolean): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...call.headers };
  const token = auth ? session()?.token : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path.startsWith('/health') ? path : `/api${path}`, {
      method: call.method ?? 'GET',
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: call.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new Unreachable('no connection to the gateway');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new Unreachable(`the gateway answered ${response.status} without JSON`);
  }
  if (response.ok || (path === '/health' && response.status === 503)) return body as T;
  const problem = body as Partial<ProblemDocument> | undefined;
  if (problem && typeof problem.title === 'string') throw new ApiProblem({ ...problem, status: problem.status ?? response.status } as ProblemDocument);
  throw new ApiProblem({ type: 'about:blank', title: `HTTP ${response.status}`, status: response.status, detail: 'the service answered with an error' });
}

/** Encodes one path segment, so an id can never step out of its route. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A query string from the values given, skipping empty ones. */
export function qs(params: Record<string, string | number | undefined>): string {
  const kept = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string | number][];
  return kept.length ? `?${new URLSearchParams(kept.map(([k, v]) => [k, String(v)]))}` : '';
}
