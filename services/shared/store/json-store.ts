// A service's records: a lowdb JSON snapshot (<name>.json) plus an append-only journal
// (<name>.journal, one JSON line per committed change). A change is applied in memory
// at once, with no await between its checks and its writes, and is acknowledged once
// its journal line is fsynced; many changes share one fsync (group commit). When the
// journal outgrows the snapshot, the snapshot is rewritten (temp file, fsync, rename)
// and the journal emptied, so the cost of a write does not grow with the data set.
import { Low } from 'lowdb';
import { mkdirSync } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './durable-file.js';
import { GroupCommit } from './group-commit.js';
import { registerStore, unregisterStore, type StoreStats } from './registry.js';
import { DurableJsonFile, StoreCorrupt } from './snapshot-file.js';

export { StoreCorrupt };

type Records = Record<string, unknown>;
/** Collection name → record type, e.g. `{ books: Book }`. */
export type Schema = Record<string, unknown>;

interface Snapshot {
  collections: Record<string, Record<string, unknown>>;
  counters: Record<string, number>;
}

/** One journal line: the full new value of each record a change touched. */
type Op = { c: string; k: string; v: unknown } | { c: string; k: string; d: 1 } | { n: string; v: number };

export interface Tx<S extends Schema> {
  get<C extends keyof S & string>(collection: C, id: string): S[C] | undefined;
  put<C extends keyof S & string>(collection: C, id: string, record: S[C]): void;
  remove<C extends keyof S & string>(collection: C, id: string): void;
  /** The next number of a named sequence (1, 2, …), durable with the change. */
  nextSeq(name: string): number;
}

/**
 * Told of each record a change writes, as it is applied in memory (`after` undefined: removed).
 * Indexes over a store follow it through this, so they cannot drift from the records.
 */
export type WriteListener = (collection: string, id: string, before: unknown, after: unknown) => void;

export interface StoreOptions {
  dir: string;
  name: string;
  collections: readonly string[];
  /** Rewrite the snapshot when the journal is larger than this and than the snapshot. */
  compactAfterBytes?: number;
}

export class DurableStore<S extends Schema> {
  private readonly maps = new Map<string, Map<string, unknown>>();
  private counters: Record<string, number> = {};
  private journal!: FileHandle;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private compactions = 0;
  private broken: Error | null = null;
  private compactWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private readonly listeners: WriteListener[] = [];
  private readonly commits: GroupCommit;
  private readonly low: Low<Snapshot>;
  readonly journalFile: string;
  readonly snapshotFile: string;

  private constructor(private readonly options: StoreOptions) {
    this.snapshotFile = path.join(options.dir, `${options.name}.json`);
    this.journalFile = path.join(options.dir, `${options.name}.journal`);
    this.low = new Low<Snapshot>(new DurableJsonFile<Snapshot>(this.snapshotFile), { collections: {}, counters: {} });
    for (const name of options.collections) this.maps.set(name, new Map());
    this.commits = new GroupCommit(
      (chunk) => this.appendJournal(chunk),
      () => this.compactIfLarge(),
      { file: this.journalFile, kind: 'journal' },
    );
  }

  static async open<S extends Schema>(options: StoreOptions): Promise<DurableStore<S>> {
    mkdirSync(options.dir, { recursive: true });
    const store = new DurableStore<S>(options);
    await store.load();
    registerStore(store);
    return store;
  }

  get<C extends keyof S & string>(collection: C, id: string): S[C] | undefined {
    return this.map(collection).get(id) as S[C] | undefined;
  }

  values<C extends keyof S & string>(collection: C): IterableIterator<S[C]> {
    return this.map(collection).values() as IterableIterator<S[C]>;
  }

  /** [id, record] pairs; the ids are the map's own key strings. */
  entries<C extends keyof S & string>(collection: C): IterableIterator<[string, S[C]]> {
    return this.map(collection).entries() as IterableIterator<[string, S[C]]>;
  }

  /** Calls `listener` for every write applied from now on (build the index from values() first). */
  onWrite(listener: WriteListener): void {
    this.listeners.push(listener);
  }

  count(collection: keyof S & string): number {
    return this.map(collection).size;
  }

  /**
   * Runs `fn` now, synchronously: it reads, checks and stages writes through `tx`. If it
   * throws, nothing changes. Otherwise its writes are applied in memory before this call
   * returns, and the promise resolves with fn's result once they are durable.
   */
  change<R>(fn: (tx: Tx<S>) => R): Promise<R> {
    if (this.broken) return Promise.reject(this.broken);
    const staged = new Map<string, { collection: string; id: string; value: unknown; deleted: boolean }>();
    const seqs: Record<string, number> = {};
    const tx: Tx<S> = {
      get: (collection, id) => {
        const hit = staged.get(`${collection}\u0000${id}`);
        if (hit) return hit.deleted ? undefined : (hit.value as S[typeof collection]);
        return this.get(collection, id);
      },
      put: (collection, id, record) => {
        this.map(collection);
        staged.set(`${collection}\u0000${id}`, { collection, id, value: record, deleted: false });
      },
      remove: (collection, id) => {
        this.map(collection);
        staged.set(`${collection}\u0000${id}`, { collection, id, value: undefined, deleted: true });
      },
      nextSeq: (name) => {
        seqs[name] = (seqs[name] ?? this.counters[name] ?? 0) + 1;
        return seqs[name];
      },
    };
    const result = fn(tx);
    if (staged.size === 0 && Object.keys(seqs).length === 0) return Promise.resolve(result);
    const ops: Op[] = [];
    for (const [name, value] of Object.entries(seqs)) {
      this.counters[name] = value;
      ops.push({ n: name, v: value });
    }
    for (const { collection, id, value, deleted } of staged.values()) {
      const map = this.map(collection);
      const before = map.get(id);
      if (deleted) {
        map.delete(id);
        ops.push({ c: collection, k: id, d: 1 });
      } else {
        map.set(id, value);
        ops.push({ c: collection, k: id, v: value });
      }
      for (const listener of this.listeners) listener(collection, id, before, deleted ? undefined : value);
    }
    return this.commits.append(JSON.stringify(ops) + '\n').then(() => result);
  }

  /** Resolves when every change made so far is durable. */
  async flush(): Promise<void> {
    await this.commits.idle();
  }

  /** Writes the whole state as the snapshot and empties the journal. */
  compact(): Promise<void> {
    // Runs inside the commit loop, so no journal append can fall between the snapshot and
    // the truncation that follows it.
    const done = new Promise<void>((resolve, reject) => this.compactWaiters.push({ resolve, reject }));
    void this.commits.append('').catch(() => {});
    return done;
  }

  /** Flush counts and times and file sizes, for metrics (see README.md here). */
  stats(): StoreStats {
    return {
      file: this.journalFile,
      kind: 'journal',
      flushes: this.commits.times.count,
      flushSeconds: this.commits.times.list(),
      journalBytes: this.journalBytes,
      snapshotBytes: this.snapshotBytes,
      compactions: this.compactions,
      broken: this.broken?.message ?? null,
    };
  }

  async close(): Promise<void> {
    unregisterStore(this);
    await this.commits.idle();
    await this.journal?.close().catch(() => {});
  }

  private map(collection: string): Map<string, unknown> {
    const map = this.maps.get(collection);
    if (!map) throw new Error(`store ${this.options.name} has no collection "${collection}"`);
    return map;
  }

  private async load(): Promise<void> {
    await this.low.read();
    const snapshot = this.low.data;
    if (typeof snapshot !== 'object' || snapshot === null || typeof snapshot.collections !== 'object') {
      throw new StoreCorrupt(`${this.snapshotFile} is not a store snapshot (no "collections")`);
    }
    this.counters = { ...(snapshot.counters ?? {}) };
    for (const [name, records] of Object.entries(snapshot.collections)) {
      const map = this.maps.get(name) ?? new Map();
      this.maps.set(name, map);
      // for…in, not Object.entries: no [id, record] pair allocated per record at start-up.
      for (const id in records as Records) map.set(id, (records as Records)[id]);
    }
    this.snapshotBytes = (await stat(this.snapshotFile).catch(() => null))?.size ?? 0;
    this.low.data = { collections: {}, counters: {} }; // the maps hold the state from here on
    await this.replayJournal();
  }

  private async replayJournal(): Promise<void> {
    this.journal = await open(this.journalFile, 'a+');
    await fsyncDir(this.options.dir); // the journal's name must survive a crash too
    const text = await readFile(this.journalFile, 'utf8');
    // A last line without its newline was never acknowledged (its fsync never returned): drop it.
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) await this.journal.truncate(Buffer.byteLength(text.slice(0, complete)));
    const lines = text.slice(0, complete).split('\n');
    lines.pop();
    lines.forEach((line, index) => {
      let ops: Op[];
      try {
        ops = JSON.parse(line) as Op[];
      } catch (error) {
        throw new StoreCorrupt(`${this.journalFile} line ${index + 1} is not valid JSON: ${(error as Error).message}`);
      }
      for (const op of ops) this.apply(op);
    });
    this.journalBytes = Buffer.byteLength(text.slice(0, complete));
  }

  private apply(op: Op): void {
    if ('n' in op) this.counters[op.n] = op.v;
    else if ('d' in op) this.maps.get(op.c)?.delete(op.k);
    else {
      if (!this.maps.has(op.c)) this.maps.set(op.c, new Map());
      this.maps.get(op.c)!.set(op.k, op.v);
    }
  }

  private async appendJournal(chunk: string): Promise<void> {
    try {
      if (chunk.length > 0) await this.journal.appendFile(chunk);
      await this.journal.datasync();
      this.journalBytes += Buffer.byteLength(chunk);
    } catch (error) {
      // Memory now holds changes the disk may not: refuse every further change, so the
      // process is restarted from what is on disk rather than acknowledging anything more.
      this.broken = new Error(`${this.journalFile}: write failed: ${(error as Error).message}`);
      throw this.broken;
    }
  }

  private async compactIfLarge(): Promise<void> {
    const waiters = this.compactWaiters.splice(0);
    const threshold = Math.max(this.options.compactAfterBytes ?? 4 * 1024 * 1024, this.snapshotBytes);
    if (waiters.length === 0 && this.journalBytes <= threshold) return;
    try {
      await this.writeSnapshot();
      for (const w of waiters) w.resolve();
    } catch (error) {
      for (const w of waiters) w.reject(error);
    }
  }

  private async writeSnapshot(): Promise<void> {
    const collections: Snapshot['collections'] = {};
    for (const [name, map] of this.maps) collections[name] = Object.fromEntries(map);
    // Serialised synchronously: the snapshot holds every change applied so far, and the
    // journal lines still queued are replayed on top of it harmlessly (whole-record puts).
    this.low.data = { collections, counters: { ...this.counters } };
    await this.low.write();
    this.low.data = { collections: {}, counters: {} };
    this.snapshotBytes = (await stat(this.snapshotFile)).size;
    this.compactions++;
    await this.journal.truncate(0);
    await this.journal.datasync();
    this.journalBytes = 0;
  }
}
