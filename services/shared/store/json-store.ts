// A service's records: a JSON snapshot (<name>.json, read back a record at a time) plus an
// append-only journal (<name>.journal, one JSON line per committed change). The contract —
// what change() guarantees, what a read sees, how refusals and failures surface — is
// services/shared/store/README.md; this file implements it.
import path from 'node:path';
import { AppendFile, type Faults } from './append-file.js';
import { GroupCommit } from './group-commit.js';
import { checkRecord, deepFreeze, parseLine, type Op, type Validate } from './journal-format.js';
import { makePrivateDir } from './modes.js';
import { registerStore, unregisterStore, type StoreStats } from './registry.js';
import { frozenReads, type RecordTable } from './record-table.js';
import { readLines, readSnapshot, StoreCorrupt } from './snapshot-file.js';
import { writeSnapshotInSlices } from './snapshot-writer.js';

export { StoreCorrupt };
export type { Faults, RecordTable, Validate };

/** Collection name → record type, e.g. `{ books: Book }`. */
export type Schema = Record<string, unknown>;

export interface Tx<S extends Schema> {
  get<C extends keyof S & string>(collection: C, id: string): S[C] | undefined;
  put<C extends keyof S & string>(collection: C, id: string, record: S[C]): void;
  remove<C extends keyof S & string>(collection: C, id: string): void;
  /** The next number of a named sequence (1, 2, …), durable with the change. */
  nextSeq(name: string): number;
}

/**
 * Told of each record a change writes, as it is applied in memory (`after` undefined: removed),
 * and again when a failed change is undone (`before` and `after` swapped back).
 * Indexes over a store follow it through this, so they cannot drift from the records.
 */
export type WriteListener = (collection: string, id: string, before: unknown, after: unknown) => void;

/** What reads may do inside read(): everything but writing. */
export type ReadTx<S extends Schema> = Pick<Tx<S>, 'get'>;

export interface StoreOptions {
  dir: string;
  name: string;
  collections: readonly string[];
  /** Rewrite the snapshot when the journal is larger than this and than the snapshot. */
  compactAfterBytes?: number;
  /** The service's check of each record read back at start (e.g. a book has a title). */
  validate?: Validate;
  /** Runs on each record read at start, before it is frozen (e.g. sharing equal strings). */
  prepare?: (collection: string, id: string, record: object) => void;
  /** A collection's own table (RecordTable), made once per collection as the store opens. */
  tables?: Readonly<Record<string, () => RecordTable>>;
  /** Deep-freeze stored records so a stray mutation throws; default: under NODE_ENV=test. */
  freeze?: boolean;
  /** Test hook: injected write failures (append-file.ts). */
  faults?: Faults;
}

const ABSENT = Symbol('absent');
type Prev = unknown | typeof ABSENT;

/** What a change replaced, so it can be undone if its journal line never reaches the disk. */
interface Applied {
  records: [collection: string, id: string, prev: Prev][];
  counters: [name: string, prev: number | undefined][];
}

export class DurableStore<S extends Schema> {
  private readonly maps = new Map<string, RecordTable>();
  private counters: Record<string, number> = {};
  private journal!: AppendFile;
  private snapshotBytes = 0;
  private compactions = 0;
  private compactWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Changes applied in memory whose journal line is not yet on disk, oldest first. */
  private readonly unacked = new Set<Applied>();
  /** While a snapshot is being written: each touched key's value when it began. */
  private frozenAtSnapshot: Map<string, Prev> | null = null;
  private lastCommit: Promise<unknown> = Promise.resolve();
  private readonly freeze: boolean;
  private readonly listeners: WriteListener[] = [];
  private commits!: GroupCommit;
  readonly journalFile: string;
  readonly snapshotFile: string;

  private constructor(private readonly options: StoreOptions) {
    this.snapshotFile = path.join(options.dir, `${options.name}.json`);
    this.journalFile = path.join(options.dir, `${options.name}.journal`);
    this.freeze = options.freeze ?? process.env.NODE_ENV === 'test';
    for (const name of options.collections) this.maps.set(name, this.newTable(name));
  }

  static async open<S extends Schema>(options: StoreOptions): Promise<DurableStore<S>> {
    makePrivateDir(options.dir);
    const store = new DurableStore<S>(options);
    try {
      await store.load();
    } catch (error) {
      await store.journal?.close();
      throw error;
    }
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

  /** Calls `listener` for every write applied (or undone) from now on (build the index from values() first). */
  onWrite(listener: WriteListener): void {
    this.listeners.push(listener);
  }

  count(collection: keyof S & string): number {
    return this.map(collection).size;
  }

  /** Why writes are refused now (a failed flush not yet repaired), or null. */
  get broken(): Error | null {
    return this.commits.broken;
  }

  /**
   * Runs `fn` now, synchronously: it reads, checks and stages writes through `tx`. If it
   * throws, nothing changes and the promise rejects with what it threw. Otherwise its
   * writes are applied in memory before this call returns, and the promise resolves with
   * fn's result once they are durable — or rejects with StorageUnavailable, the writes
   * undone, if they never reach the disk. A change that writes nothing is a durable read
   * (see read()), answered even while the disk is full. It never throws.
   */
  change<R>(fn: (tx: Tx<S>) => R): Promise<R> {
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
    let result: R;
    try {
      result = fn(tx);
    } catch (error) {
      return Promise.reject(error);
    }
    if (staged.size === 0 && Object.keys(seqs).length === 0) return this.seen(result);
    // Broken (store/README.md): what fn staged is dropped, as if its flush had failed, so a
    // caller's cleanup runs as for any failed write. Memory holds only what is on disk then.
    if (this.commits.broken) return Promise.reject(this.commits.broken);
    const ops: Op[] = [];
    const applied: Applied = { records: [], counters: [] };
    for (const [name, value] of Object.entries(seqs)) {
      applied.counters.push([name, this.counters[name]]);
      this.counters[name] = value;
      ops.push({ n: name, v: value });
    }
    for (const { collection, id, value, deleted } of staged.values()) {
      const map = this.map(collection);
      const prev = map.has(id) ? map.get(id) : ABSENT;
      applied.records.push([collection, id, prev]);
      const key = `${collection}\u0000${id}`;
      if (this.frozenAtSnapshot && !this.frozenAtSnapshot.has(key)) this.frozenAtSnapshot.set(key, prev);
      if (deleted) {
        map.delete(id);
        ops.push({ c: collection, k: id, d: 1 });
      } else {
        map.set(id, this.freeze ? deepFreeze(value) : value);
        ops.push({ c: collection, k: id, v: value as object });
      }
      this.tell(collection, id, prev === ABSENT ? undefined : prev, deleted ? undefined : value);
    }
    this.unacked.add(applied);
    const durable = this.commits.append(JSON.stringify(ops) + '\n', () => this.undo(applied));
    this.lastCommit = durable;
    return durable.then(() => {
      this.unacked.delete(applied);
      return result;
    });
  }

  /**
   * A durable read: runs `fn` now, like change() but unable to write, and resolves with its
   * result once everything it could have seen is on disk (rejects if that fails).
   */
  read<R>(fn: (tx: ReadTx<S>) => R): Promise<R> {
    let result: R;
    try {
      result = fn({ get: (collection, id) => this.get(collection, id) });
    } catch (error) {
      return Promise.reject(error);
    }
    return this.seen(result);
  }

  /** Resolves with `result` once every change a reader could have seen is durable. */
  private seen<R>(result: R): Promise<R> {
    // Nothing unacknowledged: what was read is on disk already. Otherwise the newest change
    // settles last, and rejects if any change before it failed (all behind a failure do).
    if (this.unacked.size === 0) return Promise.resolve(result);
    return this.lastCommit.then(() => result);
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
      journalBytes: this.journal.goodLength,
      snapshotBytes: this.snapshotBytes,
      compactions: this.compactions,
      broken: this.commits.broken?.detail ?? null,
    };
  }

  async close(): Promise<void> {
    unregisterStore(this);
    await this.commits.idle();
    await this.commits.stop();
    await this.journal?.close();
  }

  private newTable(collection: string): RecordTable {
    const table = this.options.tables?.[collection]?.();
    if (!table) return new Map();
    return this.freeze ? frozenReads(table) : table;
  }

  private map(collection: string): RecordTable {
    const map = this.maps.get(collection);
    if (!map) throw new Error(`store ${this.options.name} has no collection "${collection}"`);
    return map;
  }

  private tell(collection: string, id: string, before: unknown, after: unknown): void {
    for (const listener of this.listeners) listener(collection, id, before, after);
  }

  private undo(applied: Applied): void {
    this.unacked.delete(applied);
    for (let i = applied.records.length - 1; i >= 0; i--) {
      const [collection, id, prev] = applied.records[i];
      const now = this.map(collection).get(id);
      if (prev === ABSENT) this.map(collection).delete(id);
      else this.map(collection).set(id, prev);
      this.tell(collection, id, now, prev === ABSENT ? undefined : prev);
    }
    for (const [name, prev] of applied.counters) {
      if (prev === undefined) delete this.counters[name];
      else this.counters[name] = prev;
    }
  }

  private async load(): Promise<void> {
    // A record at a time (snapshot-file.ts): the file's text is never held whole beside its records.
    const snapshot = await readSnapshot(this.snapshotFile, {
      collection: (name) => void (this.maps.has(name) || this.maps.set(name, this.newTable(name))),
      record: (name, id, record) => this.keep(this.maps.get(name)!, name, id, record, this.snapshotFile),
    });
    if (snapshot !== null) {
      this.counters = { ...snapshot.counters };
      this.snapshotBytes = snapshot.bytes;
    }
    await this.replayJournal();
    this.commits = new GroupCommit(this.journal, () => this.compactIfLarge());
  }

  private keep(map: RecordTable, collection: string, id: string, record: unknown, where: string): void {
    checkRecord(collection, id, record, where, this.options.validate);
    this.options.prepare?.(collection, id, record as object);
    map.set(id, this.freeze ? deepFreeze(record) : record);
  }

  private async replayJournal(): Promise<void> {
    this.journal = await AppendFile.open(this.journalFile, 'journal', this.options.faults);
    const complete = await readLines(this.journalFile, (line, number) => {
      const where = `${this.journalFile} line ${number}`;
      for (const op of parseLine(line, where, this.options.validate)) this.apply(op, where);
    });
    // A last line without its newline was never acknowledged (its fsync never returned): drop it.
    if (complete < this.journal.goodLength) await this.journal.truncate(complete);
  }

  private apply(op: Op, where: string): void {
    if ('n' in op) this.counters[op.n] = op.v;
    else if ('d' in op) this.maps.get(op.c)?.delete(op.k);
    else {
      if (!this.maps.has(op.c)) this.maps.set(op.c, this.newTable(op.c));
      this.keep(this.maps.get(op.c)!, op.c, op.k, op.v, where);
    }
  }

  private async compactIfLarge(): Promise<void> {
    const waiters = this.compactWaiters.splice(0);
    const threshold = Math.max(this.options.compactAfterBytes ?? 4 * 1024 * 1024, this.snapshotBytes);
    if (waiters.length === 0 && this.journal.goodLength <= threshold) return;
    try {
      await this.writeSnapshot();
      for (const w of waiters) w.resolve();
    } catch (error) {
      for (const w of waiters) w.reject(error);
    }
  }

  /**
   * The snapshot holds exactly what the journal holds now (changes queued behind it are
   * left out, so one that later fails can never reach the disk this way), written in slices
   * while changes go on in memory: each key a change touches meanwhile keeps its old value
   * in `frozenAtSnapshot` for the writer.
   */
  private async writeSnapshot(): Promise<void> {
    const frozen = new Map<string, Prev>();
    const counters = { ...this.counters };
    const counted = new Set<string>();
    for (const applied of this.unacked) {
      // oldest first: the first change queued after the journal's end holds the value on disk
      for (const [collection, id, prev] of applied.records) if (!frozen.has(`${collection}\u0000${id}`)) frozen.set(`${collection}\u0000${id}`, prev);
      for (const [name, prev] of applied.counters) {
        if (counted.has(name)) continue;
        counted.add(name);
        if (prev === undefined) delete counters[name];
        else counters[name] = prev;
      }
    }
    const views = [...this.maps].map(([name, map]) => {
      const ids = [...map.keys()];
      // ids a queued change deleted still belong in the snapshot
      for (const [key, prev] of frozen) if (prev !== ABSENT && key.startsWith(`${name}\u0000`) && !map.has(key.slice(name.length + 1))) ids.push(key.slice(name.length + 1));
      const valueOf = (id: string) => {
        const key = `${name}\u0000${id}`;
        if (frozen.has(key)) {
          const prev = frozen.get(key);
          return prev === ABSENT ? undefined : prev;
        }
        return map.get(id);
      };
      return { name, ids, valueOf };
    });
    this.frozenAtSnapshot = frozen;
    try {
      this.snapshotBytes = await writeSnapshotInSlices(this.snapshotFile, views, counters);
    } finally {
      this.frozenAtSnapshot = null;
    }
    this.compactions++;
    await this.journal.truncate(0);
  }
}
