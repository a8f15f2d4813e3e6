// The gateway's copy of catalog reads: GET /api/books (search), /api/books/:id, /api/topics,
// /api/search/:topic and /api/info/:id, kept by their exact URL, least recently used out
// first, bounded in bytes. It is only ever used while this replica's subscription to the
// catalog's change feed is live (shared/http/change-subscriber.ts): every change the
// catalog announces drops the lists and the answers about the books it names before the
// catalog acknowledges the write, and a lost feed drops everything and bypasses the cache
// until the feed is back. So a write acknowledged through any replica is seen by the next
// read through every replica. Stock (in /info/:id) changes in inventory: the catalog
// mirrors it from inventory's feed and announces each change on its own before inventory
// answers the write (catalog/stock-mirror.ts); an /info answer the catalog could not take
// from its mirror says Cache-Control: no-store and is not kept.
import type { Context } from 'koa';
import { EVERY_KEY, POSITION_HEADER, STOCK_KEY } from '../shared/http/change-feed.js';
import { ChangeSubscriber } from '../shared/http/change-subscriber.js';

/** Paths (after /api) whose GET answers are kept, and the book each one is about, if one. */
const CACHED = /^\/(?:books(?:\/([^/?]+))?|topics|search\/[^/?]+|info\/([^/?]+))(?:\?|$)/;
/** Headers of the catalog's answer that a kept answer replays. */
const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified'];
/** An answer larger than this is passed on but not kept. */
const MAX_ENTRY_BYTES = 256 * 1024;
/** What a kept answer costs besides its body: Map entry, object, headers, key. */
const ENTRY_BYTES = 400;

interface Entry {
  status: number;
  /** The kept headers, its length and X-Gateway-Cache: hit, as a hit sets them. */
  headers: [string, string][];
  body: Buffer;
  book: string | null;
  bytes: number;
}

export interface CatalogCacheOptions {
  catalogUrl: string;
  token: () => Promise<string>;
  maxBytes: number;
  leaseMs?: number;
}

export class CatalogCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byBook = new Map<string, Set<string>>();
  /** Keys of the answers about no one book (searches, topics): every change drops them. */
  private readonly lists = new Set<string>();
  private held = 0;
  readonly feed: ChangeSubscriber;

  constructor(private readonly options: CatalogCacheOptions) {
    this.feed = new ChangeSubscriber({
      url: options.catalogUrl,
      token: options.token,
      leaseMs: options.leaseMs,
      onChange: (keys) => this.changed(keys),
      onLost: () => this.clear(),
    });
  }

  start(): void {
    this.feed.start();
  }

  stop(): void {
    this.feed.stop();
    this.clear();
  }

  get bytes(): number {
    return this.held;
  }

  /**
   * Answers a cacheable read from the copy (true), or lets it through with `capture` to
   * call with the catalog's answer (false, capture set) or without (false, null: bypassed).
   */
  serve(ctx: Context, apiPath: string): { hit: true } | { hit: false; capture: Capture | null } {
    const match = ctx.method === 'GET' ? CACHED.exec(apiPath) : null;
    if (!match || !this.feed.usable()) {
      if (match) ctx.set('X-Gateway-Cache', 'bypass');
      return { hit: false, capture: null };
    }
    const entry = this.entries.get(apiPath);
    if (entry) {
      this.entries.delete(apiPath);
      this.entries.set(apiPath, entry);
      ctx.status = entry.status;
      // Written here, as proxy.ts writes an answer passed on: Koa's body setter and respond()
      // work out a type and a length this answer already has, at each of thousands of hits.
      ctx.respond = false;
      for (const [name, value] of entry.headers) ctx.res.setHeader(name, value);
      if (ctx.writable) ctx.res.end(entry.body);
      else ctx.res.end();
      return { hit: true };
    }
    ctx.set('X-Gateway-Cache', 'miss');
    const book = match[1] ?? match[2] ?? null;
    return { hit: false, capture: (status, headers, body) => this.keep(apiPath, book, status, headers, body) };
  }

  private keep(key: string, book: string | null, status: number, headers: Record<string, string | string[] | undefined>, body: Buffer): void {
    const position = headers[POSITION_HEADER];
    if (status !== 200 || body.length > MAX_ENTRY_BYTES || String(headers['cache-control']).includes('no-store')) return;
    if (!this.feed.accepts(typeof position === 'string' ? position : undefined)) return;
    const kept: [string, string][] = [];
    for (const name of KEPT_HEADERS) if (headers[name] !== undefined) kept.push([name, String(headers[name])]);
    kept.push(['Content-Length', String(body.length)], ['X-Gateway-Cache', 'hit']);
    this.remove(key);
    const entry: Entry = { status, headers: kept, body, book: book && decodeURIComponent(book), bytes: body.length + key.length * 2 + ENTRY_BYTES };
    this.entries.set(key, entry);
    this.held += entry.bytes;
    if (entry.book !== null) {
      const keys = this.byBook.get(entry.book) ?? new Set<string>();
      keys.add(key);
      this.byBook.set(entry.book, keys);
    } else this.lists.add(key);
    for (const oldest of this.entries.keys()) {
      if (this.held <= this.options.maxBytes) break;
      this.remove(oldest);
    }
  }

  /**
   * Books changed: every list may now differ, and so may the answers about those books. A
   * stock change ("stock:bk-1") changes only that book's /info answer.
   */
  private changed(keys: string[]): void {
    if (keys.includes(EVERY_KEY)) return this.clear();
    for (const key of keys) {
      const stock = key.startsWith(STOCK_KEY);
      const book = stock ? key.slice(STOCK_KEY.length) : key;
      for (const kept of [...(this.byBook.get(book) ?? [])]) if (!stock || kept.startsWith('/info/')) this.remove(kept);
      if (!stock) for (const list of [...this.lists]) this.remove(list);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.bytes;
    if (entry.book !== null) {
      const keys = this.byBook.get(entry.book);
      keys?.delete(key);
      if (keys?.size === 0) this.byBook.delete(entry.book);
    } else this.lists.delete(key);
  }

  private clear(): void {
    this.entries.clear();
    this.byBook.clear();
    this.lists.clear();
    this.held = 0;
  }
}

export type Capture = (status: number, headers: Record<string, string | string[] | undefined>, body: Buffer) => void;
