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
import { BookIdTable } from './book-id-table.js';

export interface StockMirrorOptions {
  inventoryUrl: string;
  token: () => Promise<string>;
  /** Passes the changed book ids on to the catalog's own feed; resolves once every replica has them. */
  relay: (bookIds: string[]) => Promise<void>;
  leaseMs?: number;
}

export class StockMirror {
  private readonly stock = new BookIdTable();
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
