// Every store and CSV log open in this process, for two readers that must not be wired
// service by service: GET /health (degraded while one is broken) and the metrics the
// `ship` helper exports (flush counts and times, file sizes). See README.md here.

export interface StoreStats {
  /** The file whose flushes these are: a journal or a CSV log. */
  file: string;
  kind: 'journal' | 'csv';
  /** Flushes (one write + one fsync serving a batch) since the store was opened. */
  flushes: number;
  /** Durations of the most recent flushes in seconds, oldest first (at most 64). */
  flushSeconds: number[];
  /** Bytes in the journal (or CSV log) now. */
  journalBytes: number;
  /** Bytes of the last snapshot written or read (0 for a CSV log). */
  snapshotBytes: number;
  /** Snapshots written since open. */
  compactions: number;
  /** Why the store refuses writes now, or null when it takes them. */
  broken: string | null;
}

export interface FlushEvent {
  file: string;
  kind: 'journal' | 'csv';
  seconds: number;
  bytes: number;
  ok: boolean;
}

export interface StatsSource {
  stats(): StoreStats;
}

const open = new Set<StatsSource>();
const listeners = new Set<(event: FlushEvent) => void>();

export function registerStore(source: StatsSource): void {
  open.add(source);
}

export function unregisterStore(source: StatsSource): void {
  open.delete(source);
}

/** The stats of every store open in this process. */
export function storeStats(): StoreStats[] {
  return [...open].map((source) => source.stats());
}

/** The causes of the stores that refuse writes now (empty when all take them). */
export function brokenStores(): { file: string; cause: string }[] {
  return storeStats().flatMap((s) => (s.broken ? [{ file: s.file, cause: s.broken }] : []));
}

/** Calls `listener` after every flush of every store; returns the function that unsubscribes. */
export function onFlush(listener: (event: FlushEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportFlush(event: FlushEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // a metrics listener failing must never fail a write
    }
  }
}

/** Keeps the last `max` flush durations for stats(). */
export class FlushTimes {
  count = 0;
  private readonly recent: number[] = [];

  constructor(private readonly max = 64) {}

  add(seconds: number): void {
    this.count++;
    this.recent.push(seconds);
    if (this.recent.length > this.max) this.recent.shift();
  }

  list(): number[] {
    return [...this.recent];
  }
}
