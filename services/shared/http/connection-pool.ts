// Keep-alive HTTP/1.1 connections to one service, for ServiceClient's calls: a request is
// one write of its head and body, and the answer is read by Node's own HTTP parser (the
// llhttp that node:http runs), whole, into one Buffer.
//
// Why not node:http's request() and Agent: on the loans service's hot path (a take and a
// check-in at inventory for each borrow and return) each call through them cost about
// 0.12–0.17 ms of CPU, against 0.05–0.06 ms here, measured side by side against the same
// server: the Agent's bookkeeping, ClientRequest's header machinery and the answer's
// stream were most of it, and the loans process is the one a borrow-and-return cycle
// waits on. The answers we read are small JSON bodies, read whole, which none of that serves.
// (undici does the same in 0.06–0.09 ms but adds 14 MB to every process that loads it.)
//
// What node:http's Agent did that this keeps: a connection is reused only once its answer
// was read whole and the server did not ask to close; one idle longer than the server keeps
// it open (its Keep-Alive: timeout, 5 s by Node's default, less a second) is closed, not
// reused, so a request does not meet a connection the server is closing; at most
// `maxSockets` are open, further requests wait for one.
import net from 'node:net';
import tls from 'node:tls';
import { HTTPParser } from 'node:_http_common';
import type { IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request that failed on the wire: `code` is ECONNREFUSED, ECONNRESET, ETIMEDOUT, … */
export class WireError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Idle connections older than this are closed: below Node's default keepAliveTimeout (5 s). */
const DEFAULT_IDLE_MS = 4000;
// A header value or request target holding these could split the request (CR, LF) or be
// refused by the server: refused here, as node:http refuses them.
const BAD_TARGET = /[\u0000-\u0020\u007f-\uffff]/;
const BAD_VALUE = /[^\t\u0020-\u007e\u0080-\u00ff]/;

interface Exchange {
  method: string;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

class Connection {
  readonly parser = new HTTPParser();
  exchange: Exchange | null = null;
  idleSince = 0;
  /** How long the server keeps this connection open when idle (its Keep-Alive: timeout), less a second. */
  idleMs: number;
  private status = 0;
  private headers: string[] = [];
  private chunks: Buffer[] = [];
  private keepAlive = true;

  constructor(
    readonly socket: net.Socket,
    private readonly pool: ConnectionPool,
    idleMs: number,
  ) {
    this.idleMs = idleMs;
    this.parser.initialize(HTTPParser.RESPONSE, {}, 0, 0);
    this.parser[HTTPParser.kOnHeaders] = (headers: string[]) => void this.headers.push(...headers);
    this.parser[HTTPParser.kOnHeadersComplete] = (_major: number, _minor: number, headers: string[] | undefined, _method: unknown, _url: unknown, status: number, _message: unknown, _upgrade: boolean, keepAlive: boolean) => {
      if (headers) this.headers.push(...headers);
      this.status = status;
      this.keepAlive = keepAlive;
      // An answer to HEAD has no body, whatever its Content-Length says (1 tells the parser so).
      return this.exchange?.method === 'HEAD' ? 1 : 0;
    };
    this.parser[HTTPParser.kOnBody] = (chunk: Buffer) => void this.chunks.push(Buffer.from(chunk));
    this.parser[HTTPParser.kOnMessageComplete] = () => this.complete();
    socket.on('data', (data: Buffer) => {
      const parsed = this.parser.execute(data);
      if (parsed instanceof Error) this.fail(new WireError('HPE_INVALID', `the answer is not HTTP: ${parsed.message}`));
    });
    socket.on('end', () => {
      this.parser.finish(); // an answer that ends with the connection completes now
      this.fail(new WireError('ECONNRESET', 'socket hang up'));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => this.fail(new WireError(error.code ?? 'ECONNRESET', error.message)));
    socket.on('close', () => {
      this.fail(new WireError('ECONNRESET', 'socket hang up'));
      setImmediate(() => this.parser.close()); // not from inside one of its own callbacks
    });
  }

  send(head: string, body: Buffer | undefined, exchange: Exchange): void {
    this.exchange = exchange;
    this.socket.ref();
    this.socket.write(body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1'));
  }

  /** Ends the exchange under way (if any) with `error`, and the connection with it. */
  fail(error: Error): void {
    const exchange = this.exchange;
    this.exchange = null;
    this.socket.destroy();
    this.pool.forget(this);
    exchange?.reject(error);
  }

  private complete(): void {
    if (this.status >= 100 && this.status < 200) {
      // An interim answer (100 Continue, 103 Early Hints): the final one follows on the same connection.
      this.headers = [];
      this.chunks = [];
      return;
    }
    const exchange = this.exchange;
    const answer: Answer = { status: this.status, headers: headerObject(this.headers), body: Buffer.concat(this.chunks) };
    const reusable = this.keepAlive && exchange !== null;
    this.exchange = null;
    this.headers = [];
    this.chunks = [];
    const hint = /timeout=(\d+)/.exec(String(answer.headers['keep-alive'] ?? ''));
    if (hint) this.idleMs = Math.max(0, Math.min(this.idleMs, Number(hint[1]) * 1000 - 1000));
    if (reusable) this.pool.release(this);
    else {
      this.socket.destroy();
      this.pool.forget(this);
    }
    exchange?.resolve(answer);
  }
}

export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly busy = new Set<Connection>();
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly url: URL,
    private readonly maxSockets = 64,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  /**
   * One request; `target` is sent as written (path and query). Rejects with a WireError when
   * no whole answer came within `timeoutMs` (the connection is then closed).
   */
  async request(method: string, target: string, headers: Record<string, string>, body: Buffer | undefined, timeoutMs: number): Promise<Answer> {
    const head = requestHead(method, target, this.url.host, headers, body);
    const connection = await this.connection();
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => connection.fail(new WireError('ETIMEDOUT', `no answer within ${timeoutMs} ms`)), timeoutMs);
      connection.send(head, body, {
        method,
        resolve: (answer) => (clearTimeout(timer), resolve(answer)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
  }

  /** Open connections: in use, idle. */
  get sockets(): { busy: number; idle: number } {
    return { busy: this.busy.size, idle: this.idle.length };
  }

  /** Closes every connection; requests under way fail. */
  close(): void {
    for (const connection of [...this.idle, ...this.busy]) connection.fail(new WireError('ECONNRESET', 'the client closed'));
  }

  release(connection: Connection): void {
    this.busy.delete(connection);
    connection.idleSince = Date.now();
    connection.socket.unref(); // an idle connection does not keep the process up
    this.idle.push(connection);
    this.waiting.shift()?.();
  }

  forget(connection: Connection): void {
    const wasBusy = this.busy.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    if (wasBusy || at >= 0) this.waiting.shift()?.();
  }

  private async connection(): Promise<Connection> {
    for (;;) {
      const now = Date.now();
      // The most recently used first (node:http's Agent's 'lifo'): the least likely to be timed out by the server.
      for (let connection = this.idle.pop(); connection; connection = this.idle.pop()) {
        if (now - connection.idleSince < connection.idleMs && !connection.socket.destroyed) {
          this.busy.add(connection);
          return connection;
        }
        connection.socket.destroy();
      }
      if (this.busy.size < this.maxSockets) return this.open();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private open(): Connection {
    const { hostname, port, protocol } = this.url;
    const host = hostname.replace(/^\[|\]$/g, ''); // an IPv6 literal without its brackets
    const socket =
      protocol === 'https:'
        ? tls.connect({ host, port: Number(port || 443), ...(net.isIP(host) ? {} : { servername: host }) }).setNoDelay(true)
        : net.connect({ host, port: Number(port || 80), noDelay: true });
    const connection = new Connection(socket, this, this.idleMs);
    this.busy.add(connection);
    return connection;
  }
}

function requestHead(method: string, target: string, host: string, headers: Record<string, string>, body: Buffer | undefined): string {
  if (BAD_TARGET.test(target)) throw new WireError('ERR_UNESCAPED_CHARACTERS', 'the request path holds characters that must be escaped');
  let head = `${method} ${target} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (BAD_VALUE.test(value)) throw new WireError('ERR_INVALID_CHAR', `invalid character in the ${name} header`);
    head += `${name}: ${value}\r\n`;
  }
  if (body) head += `content-length: ${body.length}\r\n`;
  else if (method !== 'GET' && method !== 'HEAD') head += 'content-length: 0\r\n';
  return head + '\r\n';
}

/** The parser's [name, value, …] as node:http gives them: names in lower case, repeats joined with ", " (set-cookie a list). */
function headerObject(flat: string[]): IncomingHttpHeaders {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = flat[i]!.toLowerCase();
    const value = flat[i + 1]!;
    const before = out[name];
    if (name === 'set-cookie') out[name] = [...((before as string[] | undefined) ?? []), value];
    else out[name] = before === undefined ? value : `${before as string}, ${value}`;
  }
  return out;
}
