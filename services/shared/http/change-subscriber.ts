// The other end of a change feed (change-feed.ts): one long-lived stream to the service,
// each change applied (onChange) and then acknowledged, reconnected when it breaks. The
// holder of a copy asks `usable()` before each use: true only while the stream is open
// and heard from within the lease. Whenever it is not, the holder's copy is dropped
// (onLost) and must be bypassed until the stream is back; `accepts()` tells whether an
// answer stamped with a feed position may be kept.
import http from 'node:http';
import { ACK_PATH, CHANGES_PATH } from './change-feed.js';

export interface SubscriberOptions {
  /** The service's base URL, e.g. http://127.0.0.1:5001. */
  url: string;
  token: () => Promise<string>;
  /** Applied (and awaited) before the change is acknowledged. */
  onChange(keys: string[], seq: number, data: unknown): void | Promise<void>;
  /** The stream is (back) up; when the feed sends a snapshot, its parts follow (onPart), then onSnapshotEnd. */
  onHello?(): void;
  /** One part of the feed's snapshot: changes that arrive between parts are applied in stream order. */
  onPart?(part: unknown): void;
  /** Every part has arrived (or the feed sends none). */
  onSnapshotEnd?(): void;
  /** The stream broke or went quiet: drop every copy. */
  onLost(): void;
  /** Changes whose every key starts with this are not sent (e.g. `stock:`): see change-feed.ts. */
  ignore?: string;
  /** Silence longer than this counts as a lost stream (the feed pings every 500 ms). */
  leaseMs?: number;
  retryMs?: number;
}

export class ChangeSubscriber {
  private feed: string | null = null;
  private subscriber = '';
  private applied = 0;
  private toAck = 0;
  private acked = 0;
  private acking = false;
  private heardAt = 0;
  private request: http.ClientRequest | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private readonly leaseMs: number;

  constructor(private readonly options: SubscriberOptions) {
    this.leaseMs = options.leaseMs ?? 1500;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.lose();
    this.agent.destroy();
  }

  /** Whether copies may be used now: the stream is open and was heard from within the lease. */
  usable(): boolean {
    return this.feed !== null && performance.now() - this.heardAt < this.leaseMs;
  }

  /** Whether an answer stamped `position` ("feed:seq") is no older than the last change applied. */
  accepts(position: string | undefined): boolean {
    if (!position || !this.usable()) return false;
    const at = position.lastIndexOf(':');
    return position.slice(0, at) === this.feed && Number(position.slice(at + 1)) >= this.applied;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let token: string;
    try {
      token = await this.options.token();
    } catch {
      return this.again();
    }
    if (this.stopped) return; // stopped while the token was being made
    const url = new URL(CHANGES_PATH, this.options.url);
    if (this.options.ignore) url.searchParams.set('ignore', this.options.ignore);
    const request = http.get(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
    this.request = request;
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return this.lose();
      }
      response.setEncoding('utf8');
      let pending = '';
      // Changes are applied at once, in the feed's order; when applying one waits (e.g. to pass
      // it on), later ones do not wait for it, but their acknowledgements follow in order.
      const acks = { last: Promise.resolve() };
      response.on('data', (chunk: string) => {
        this.heardAt = performance.now();
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) !== -1) {
          const frame = pending.slice(0, end);
          pending = pending.slice(end + 2);
          if (frame.startsWith(':')) continue; // a ping
          this.frame(frame, request, acks);
        }
      });
      response.on('close', () => this.lose());
    });
    request.on('error', () => this.lose());
    this.watchdog = setInterval(() => this.feed !== null && !this.usable() && this.lose(), this.leaseMs / 3).unref();
  }

  private frame(text: string, request: http.ClientRequest, acks: { last: Promise<void> }): void {
    if (request !== this.request) return; // a stream already given up
    let event = 'message';
    let data = '';
    for (const line of text.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (event === 'hello') {
      const hello = JSON.parse(data) as { feed: string; subscriber: string; seq: number; parts?: boolean };
      this.subscriber = hello.subscriber;
      this.applied = this.toAck = this.acked = hello.seq;
      this.options.onHello?.();
      this.feed = hello.feed;
      if (!hello.parts) this.options.onSnapshotEnd?.();
    } else if (event === 'part' && this.feed !== null) {
      this.options.onPart?.(JSON.parse(data));
    } else if (event === 'parts-end' && this.feed !== null) {
      this.options.onSnapshotEnd?.();
    } else if (event === 'change' && this.feed !== null) {
      const change = JSON.parse(data) as { seq: number; keys: string[]; data?: unknown };
      const applied = Promise.resolve(this.options.onChange(change.keys, change.seq, change.data));
      this.applied = change.seq;
      acks.last = acks.last
        .then(() => applied)
        .then(() => (request === this.request ? this.ackUpTo(change.seq) : undefined))
        .catch(() => void (request === this.request && this.lose()));
    }
  }

  /**
   * Acknowledges every change up to `seq`: one acknowledgement in flight at a time, the
   * next one covering all that were applied meanwhile (acknowledgements are cumulative).
   */
  private ackUpTo(seq: number): void {
    this.toAck = Math.max(this.toAck, seq);
    if (this.acking) return;
    this.acking = true;
    void (async () => {
      while (this.acked < this.toAck) {
        const upTo = this.toAck;
        await this.ack(upTo);
        this.acked = upTo;
      }
      this.acking = false;
    })();
  }

  private async ack(seq: number): Promise<void> {
    try {
      const token = await this.options.token();
      const body = JSON.stringify({ subscriber: this.subscriber, seq });
      await new Promise<void>((resolve, reject) => {
        const request = http.request(new URL(ACK_PATH, this.options.url), {
          method: 'POST',
          agent: this.agent,
          timeout: this.leaseMs,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        request.on('response', (response) => (response.resume(), resolve()));
        request.on('timeout', () => request.destroy(new Error('ack timed out')));
        request.on('error', reject);
        request.end(body);
      });
    } catch {
      // Not acknowledged: the feed cuts this stream off, and the copies go with it.
    }
  }

  /** The stream is gone (or never came): drop the copies, then try again. */
  private lose(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const request = this.request;
    this.request = null;
    this.feed = null;
    request?.destroy();
    this.options.onLost();
    if (request) this.again();
  }

  private again(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.options.retryMs ?? 500).unref();
  }
}
