// A service's change feed: every write that others may hold a copy of (a gateway's cached
// answers, a mirror of stock) is announced on a long-lived server-sent-events stream,
// numbered, and the write is acknowledged only once every subscriber has confirmed it.
//
//   GET  /internal/changes[?ignore=<prefix>]   (role service) text/event-stream; a change
//        whose every key starts with <prefix> is not sent to that subscriber (nor waited
//        for): orders, which keeps books, is not told of each stock change (`stock:`).
//        event: hello   data: {"feed":"<this run>","subscriber":"<id>","seq":N,"parts":true|false}
//        event: part    data: …     (parts of the snapshot, when the feed has one; then:)
//        event: parts-end data: {}
//        event: change  data: {"seq":N,"keys":["bk-1"],"data":…}         (id: N)
//        ": ping" comments every heartbeatMs, so a subscriber knows the stream is alive
//   POST /internal/changes/ack  (role service) {"subscriber":"<id>","seq":N} → 204
//
// publish() resolves when each subscriber has acknowledged the change (it invalidates
// first, then acknowledges), or, for one that has not within ackTimeoutMs, once its stream
// is cut. A subscriber that hears nothing for its lease (longer than the heartbeat, shorter
// than ackTimeoutMs) stops using what it holds by itself, so a cut-off or stalled replica
// has stopped answering from its copy by the time the write is acknowledged.
//
// Answers of the service carry `X-Change-Seq: <feed>:<seq>` (the position before the answer
// was computed): a subscriber keeps an answer only when it is not older than the last
// change it applied, so an answer computed before a change never outlives it.
import type { Context, Middleware } from 'koa';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { principal } from '../auth.js';
import { SLICE_MS } from '../slice.js';
import { parseBody, parseQuery } from './validate.js';
import { z } from 'zod';

export const CHANGES_PATH = '/internal/changes';
export const ACK_PATH = '/internal/changes/ack';
export const POSITION_HEADER = 'x-change-seq';
/** A key that stands for every key: a holder drops all it keeps. */
export const EVERY_KEY = '*';
/** The catalog's key for "the stock of this book changed" (`stock:bk-1`): only its /info answer. */
export const STOCK_KEY = 'stock:';

export interface FeedOptions {
  heartbeatMs: number;
  ackTimeoutMs: number;
  /**
   * The state a new subscriber starts from (e.g. inventory's stock of every book), in parts
   * sent after its hello, a few per turn of the event loop (SLICE_MS), each read as it is
   * sent: one message of the whole state made both ends pause for hundreds of milliseconds
   * at 100,000 books. Changes published meanwhile go out between the parts, in the order
   * they happen, so that applying every frame in stream order ends at the current state.
   */
  snapshot?: () => Iterator<unknown>;
}

export const FEED_DEFAULTS: FeedOptions = { heartbeatMs: 500, ackTimeoutMs: 3000 };

interface Subscriber {
  id: string;
  res: ServerResponse;
  acked: number;
  heartbeat: NodeJS.Timeout;
  waiting: { seq: number; done: () => void }[];
  /** Keys with this prefix are of no interest to it (`?ignore=`). */
  ignore: string | null;
}

const ackSchema = z.strictObject({ subscriber: z.string().min(1).max(100), seq: z.number().int().min(0) });
const subscribeQuery = z.strictObject({ ignore: z.string().min(1).max(100).optional() });

export class ChangeFeed {
  /** This run of the feed: sequence numbers restart with the process. */
  readonly id = randomUUID();
  private seq = 0;
  private readonly subscribers = new Map<string, Subscriber>();

  private readonly options: FeedOptions;

  constructor(options: Partial<FeedOptions> = {}) {
    this.options = { ...FEED_DEFAULTS, ...options };
  }

  /** The feed position answers are stamped with. */
  get position(): string {
    return `${this.id}:${this.seq}`;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Serves the stream and the acknowledgements; stamps every other answer with the position. */
  middleware(): Middleware {
    return async (ctx, next) => {
      if (ctx.path === CHANGES_PATH && ctx.method === 'GET') return this.subscribe(ctx);
      if (ctx.path === ACK_PATH && ctx.method === 'POST') {
        principal(ctx, 'service');
        const { subscriber, seq } = parseBody(ctx, ackSchema);
        this.ack(subscriber, seq);
        ctx.status = 204;
        return;
      }
      ctx.set(POSITION_HEADER, this.position);
      return next();
    };
  }

  /** Announces a change of `keys` (with `data`, e.g. their new values); resolves once every subscriber has it (or has been cut off). */
  publish(keys: string[], data?: unknown): Promise<void> {
    const seq = ++this.seq;
    const frame = `event: change\nid: ${seq}\ndata: ${JSON.stringify({ seq, keys, data })}\n\n`;
    const waits: Promise<void>[] = [];
    for (const subscriber of this.subscribers.values()) {
      const { ignore } = subscriber;
      if (ignore !== null && keys.length > 0 && keys.every((key) => key.startsWith(ignore))) continue;
      subscriber.res.write(frame);
      waits.push(this.confirmed(subscriber, seq));
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** Ends every stream (the service is stopping). */
  close(): void {
    for (const subscriber of [...this.subscribers.values()]) this.drop(subscriber);
  }

  private subscribe(ctx: Context): void {
    principal(ctx, 'service');
    const { ignore } = parseQuery(ctx, subscribeQuery);
    const res = ctx.res;
    ctx.respond = false;
    ctx.status = 200;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-request-id': ctx.state.requestId });
    res.socket?.setNoDelay(true);
    const id = randomUUID();
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.options.heartbeatMs).unref();
    const subscriber: Subscriber = { id, res, acked: this.seq, heartbeat, waiting: [], ignore: ignore ?? null };
    this.subscribers.set(id, subscriber);
    const parts = this.options.snapshot?.();
    res.write(`event: hello\ndata: ${JSON.stringify({ feed: this.id, subscriber: id, seq: this.seq, parts: parts !== undefined })}\n\n`);
    res.once('close', () => this.drop(subscriber));
    if (parts) this.sendParts(subscriber, parts);
  }

  /** Writes the snapshot's parts for SLICE_MS at a time, then gives the loop back. */
  private sendParts(subscriber: Subscriber, parts: Iterator<unknown>): void {
    if (!this.subscribers.has(subscriber.id)) return; // cut off meanwhile
    const started = performance.now();
    for (let next = parts.next(); ; next = parts.next()) {
      if (next.done) {
        subscriber.res.write('event: parts-end\ndata: {}\n\n');
        return;
      }
      subscriber.res.write(`event: part\ndata: ${JSON.stringify(next.value)}\n\n`);
      if (performance.now() - started >= SLICE_MS) break;
    }
    setImmediate(() => this.sendParts(subscriber, parts));
  }

  private ack(id: string, seq: number): void {
    const subscriber = this.subscribers.get(id);
    if (!subscriber || seq <= subscriber.acked) return;
    subscriber.acked = Math.min(seq, this.seq);
    const done = subscriber.waiting.filter((w) => w.seq <= subscriber.acked);
    subscriber.waiting = subscriber.waiting.filter((w) => w.seq > subscriber.acked);
    for (const wait of done) wait.done();
  }

  private confirmed(subscriber: Subscriber, seq: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.drop(subscriber), this.options.ackTimeoutMs);
      subscriber.waiting.push({ seq, done: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Cuts a subscriber off: its stream ends, and whatever waited for it goes on. */
  private drop(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber.id)) return;
    clearInterval(subscriber.heartbeat);
    subscriber.res.end();
    subscriber.res.destroy();
    for (const wait of subscriber.waiting) wait.done();
    subscriber.waiting = [];
  }
}
