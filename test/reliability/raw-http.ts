// Requests exactly as written: node:http sends the path untouched (fetch would resolve
// "..", "%2e%2e" and friends before they reach the server), any header, any bytes.
import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query, sent as they are. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent in chunks with no Content-Length. */
  chunked?: boolean;
}

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
}

const TIMEOUT_MS = 15_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export function rawRequest(base: string, request: RawRequest): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined && !request.chunked && headers['content-length'] === undefined) {
      headers['content-length'] = Buffer.byteLength(request.body);
    }
    // Said out loud: node:http would send a DELETE's body with no framing at all.
    if (request.chunked) headers['transfer-encoding'] = 'chunked';
    const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent, timeout: TIMEOUT_MS });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
    });
    if (request.body === undefined) return void req.end();
    if (!request.chunked) return void req.end(request.body);
    const body = Buffer.from(request.body);
    for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.subarray(at, at + 16 * 1024));
    req.end();
  });
}

/**
 * What is wrong with an answer to a bad request, or null: never a 5xx, a 4xx always
 * problem+json, and (`mustRefuse`) never a 2xx/3xx.
 */
export function judgeReply(reply: RawReply, mustRefuse: boolean): string | null {
  if (reply.status >= 500) return `${reply.status} ${reply.text.slice(0, 200)}`;
  if (reply.status < 400) return mustRefuse ? `accepted with ${reply.status}: ${reply.text.slice(0, 200)}` : null;
  if (!reply.contentType.startsWith('application/problem+json')) return `${reply.status} sent as "${reply.contentType}": ${reply.text.slice(0, 120)}`;
  let body: { type?: unknown; title?: unknown; status?: unknown };
  try {
    body = JSON.parse(reply.text);
  } catch {
    return `${reply.status} problem+json that does not parse: ${reply.text.slice(0, 120)}`;
  }
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== reply.status) {
    return `${reply.status} problem lacks type/title/status: ${reply.text.slice(0, 200)}`;
  }
  return null;
}

/** Runs `tasks` at most `width` at a time. */
export async function inPool<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: width }, lane));
}
