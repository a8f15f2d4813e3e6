// The catalog's copy of inventory's stock, so that GET /info/:id costs what a book's
// details cost instead of a call to inventory each time. It starts from the snapshot that
// follows the hello of inventory's change feed, in parts, and applies each stock change the feed announces
// (inventory/stock-feed.ts: a purchase never waits for it; a librarian's stock write is
// answered once the catalog has acknowledged it). The catalog acknowledges only after
// passing the change on to its own feed (`relay`), so gateway replicas drop their kept
// /info answers first. Whenever the feed is not live, the mirror
// is empty and unused: /info asks inventory, as it did before, and every replica is told
// to drop every kept /info answer ('*'), because inventory no longer waits for anyone.
import { EVERY_KEY, STOCK_KEY } from '../shared/http/change-feed.js';
import { ChangeSubscriber } from '../shared/http/change-subscriber.js';

export interface StockMirrorOptions {
  inventoryUrl: string;
  token: () => Promise<string>;
  /** Passes the changed book ids on to the catalog's own feed; resolves once every replica has them. */
  relay: (bookIds: string[]) => Promise<void>;
  leaseMs?: number;
}

export class StockMirror {
  private readonly stock = new StockTable();
  private ready = false;
  private readonly feed: ChangeSubscriber;

  constructor(options: StockMirrorOptions) {
    this.feed = new ChangeSubscriber({
      url: options.inventoryUrl,
      token: options.token,
      leaseMs: options.leaseMs,
      // The snapshot comes in parts (a few thousand books each) between which changes may
      // arrive: each frame is applied as it comes, and the mirror is used once all are in.
      onHello: () => {
        this.ready = false;
        this.stock.clear();
      },
      onPart: (part) => {
        for (const [id, units] of Object.entries(part as Record<string, number>)) this.stock.set(id, units);
      },
      onSnapshotEnd: () => {
        this.ready = true;
      },
      onChange: (bookIds, _seq, data) => {
        const stock = (data ?? {}) as Record<string, number>;
        for (const id of bookIds) this.stock.set(id, stock[id] ?? 0);
        return options.relay(bookIds.map((id) => STOCK_KEY + id));
      },
      onLost: () => {
        const had = this.ready;
        this.ready = false;
        this.stock.clear();
        if (had) void options.relay([EVERY_KEY]);
      },
    });
  }

  start(): void {
    this.feed.start();
  }

  stop(): void {
    this.feed.stop();
  }

  /** The book's stock for sale, or undefined when the mirror cannot tell (ask inventory). */
  stockOf(bookId: string): number | undefined {
    if (!this.ready || !this.feed.usable()) return undefined;
    return this.stock.get(bookId) ?? 0;
  }

  get live(): boolean {
    return this.ready && this.feed.usable();
  }
}

/**
 * Stock by book id, compact: ids of the catalog's own form (bk-N) in a typed array by N
 * (4 bytes a book, against about 80 for a Map entry with its key), any other id in a Map.
 */
class StockTable {
  private numbered = new Int32Array(1024);
  private readonly others = new Map<string, number>();

  get(id: string): number | undefined {
    const n = numberOf(id);
    if (n === null) return this.others.get(id);
    return n < this.numbered.length && this.numbered[n] > 0 ? this.numbered[n] : undefined;
  }

  set(id: string, units: number): void {
    const n = numberOf(id);
    if (n === null) {
      this.others.set(id, units);
      return;
    }
    if (n >= this.numbered.length) {
      const grown = new Int32Array(Math.max(n + 1, this.numbered.length * 2));
      grown.set(this.numbered);
      this.numbered = grown;
    }
    this.numbered[n] = units;
  }

  clear(): void {
    this.numbered = new Int32Array(1024);
    this.others.clear();
  }
}

/** N of "bk-N" when it fits the table (below 2^26), else null. */
function numberOf(id: string): number | null {
  if (!id.startsWith('bk-') || id.length > 11) return null;
  const n = Number(id.slice(3));
  return Number.isInteger(n) && n > 0 && n < 2 ** 26 && String(n) === id.slice(3) ? n : null;
}
