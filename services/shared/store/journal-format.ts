// What the store writes, checked when it is read back: a snapshot and journal lines that
// parse but are not what the store wrote (a `null` document, a record that is not an
// object, a line `{}`) stop the service naming the file and the line; never start empty.
import { StoreCorrupt } from './snapshot-file.js';

/** One journal line: the full new value of each record a change touched. */
export type Op = { c: string; k: string; v: object } | { c: string; k: string; d: 1 } | { n: string; v: number };

export interface Snapshot {
  collections: Record<string, Record<string, unknown>>;
  counters: Record<string, number>;
}

/** A service's own check of a record it reads back, e.g. "a book has a title"; answers what is wrong. */
export type Validate = (collection: string, record: object) => string | undefined;

export function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkSnapshot(data: unknown, file: string): Snapshot {
  if (!isRecord(data)) throw new StoreCorrupt(`${file} is not a store snapshot: it holds ${describe(data)}`);
  const { collections, counters = {} } = data as Partial<Snapshot>;
  if (!isRecord(collections)) throw new StoreCorrupt(`${file} is not a store snapshot (no "collections" object)`);
  if (!isRecord(counters) || Object.values(counters).some((n) => !Number.isSafeInteger(n))) {
    throw new StoreCorrupt(`${file} is not a store snapshot ("counters" must map names to integers)`);
  }
  for (const [name, records] of Object.entries(collections)) {
    if (!isRecord(records)) throw new StoreCorrupt(`${file}: collection "${name}" is ${describe(records)}, not an object of records`);
  }
  return { collections, counters } as Snapshot;
}

/** Checks one record of the snapshot or the journal; `where` names the file (and line). */
export function checkRecord(collection: string, id: string, record: unknown, where: string, validate?: Validate): void {
  if (!isRecord(record)) throw new StoreCorrupt(`${where}: record "${id}" of "${collection}" is ${describe(record)}, not an object`);
  const fault = validate?.(collection, record);
  if (fault) throw new StoreCorrupt(`${where}: record "${id}" of "${collection}" ${fault}`);
}

export function parseLine(line: string, where: string, validate?: Validate): Op[] {
  let ops: unknown;
  try {
    ops = JSON.parse(line);
  } catch (error) {
    throw new StoreCorrupt(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(ops) || ops.length === 0) throw new StoreCorrupt(`${where} is not a change: expected a list of operations, found ${describe(ops)}`);
  for (const op of ops as Record<string, unknown>[]) {
    if (isRecord(op) && typeof op.n === 'string' && Number.isSafeInteger(op.v)) continue;
    if (!isRecord(op) || typeof op.c !== 'string' || typeof op.k !== 'string') {
      throw new StoreCorrupt(`${where} is not a change: ${JSON.stringify(op)?.slice(0, 80)} is not an operation`);
    }
    if (op.d === 1) continue;
    checkRecord(op.c, op.k, op.v, where, validate);
  }
  return ops as Op[];
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Freezes a record and everything in it, so a stray mutation throws instead of bypassing the journal. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
