// One batch out at a time: what is added while a batch is out waits, and goes out together in
// the next. At rest an item goes at once (a microtask after it was added, so that the caller's
// synchronous work around add() is done first); under load one call carries many items, and
// the number of calls follows the round trip instead of the rate of items. For items that each
// cost a round trip to another process: inventory's stock-change frames (inventory/stock-feed.ts),
// orders' confirmations of stock takes (orders/reconciler.ts), loans' of copy takes
// (loans/take-confirmations.ts) and its closed loans leaving the store (loans/returns.ts).
//
// (The store's group commit, store/group-commit.ts, works the same way but fails every batch
// queued behind a failed one; a change subscriber's acknowledgements, http/change-subscriber.ts,
// are one cumulative number. Both keep their own loop for that.)

export class NextBatch<K, V> {
  private queued = new Map<K, V>();
  /** Settles once every item queued now has been sent. */
  private next: Deferred | null = null;
  /** The batch out now, if one is. */
  private current: Promise<void> | null = null;
  private running = false;

  /**
   * `send` gets at most `max` items, in the order added; it should handle its own failures
   * (one that throws is logged by nobody and counts as sent).
   */
  constructor(
    private readonly send: (batch: Map<K, V>) => Promise<void>,
    private readonly max = Infinity,
  ) {}

  /** Queues `value` under `key` (a key already queued keeps its place and takes the new value). */
  add(key: K, value: V): void {
    this.queued.set(key, value);
    this.next ??= deferred();
    if (this.running) return;
    this.running = true;
    queueMicrotask(() => void this.run());
  }

  /** Settles once everything added so far has been sent. */
  idle(): Promise<void> {
    return this.next?.promise ?? this.current ?? Promise.resolve();
  }

  /** The keys waiting for a batch (not those of the batch out now). */
  keys(): IterableIterator<K> {
    return this.queued.keys();
  }

  private async run(): Promise<void> {
    try {
      while (this.queued.size > 0) {
        const generation = this.next!;
        const batch = new Map<K, V>();
        for (const [key, value] of this.queued) {
          if (batch.size >= this.max) break;
          batch.set(key, value);
        }
        for (const key of batch.keys()) this.queued.delete(key);
        // Items left over (more than `max`) and items added meanwhile settle with the last batch that carries them.
        if (this.queued.size === 0) this.next = null;
        this.current = generation.promise;
        try {
          await this.send(batch);
        } catch {
          // see the constructor: the caller's send handles its failures
        } finally {
          if (this.next !== generation) generation.resolve();
        }
      }
    } finally {
      // In the same turn as the last look at `queued`: an item added after it starts a new run.
      this.running = false;
      this.current = null;
    }
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
