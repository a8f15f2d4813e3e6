// How a store keeps one collection's records in memory (json-store.ts): a Map, or a table
// the service gives for a collection it can keep in less memory than one object per record.
import { deepFreeze } from './journal-format.js';

/**
 * Where a collection keeps its records in memory: a Map unless the service gives a table of its
 * own (StoreOptions.tables), e.g. one that packs its records and answers get() with a new
 * record equal to the one set, same fields in the same order, so the files are unchanged.
 */
export interface RecordTable {
  readonly size: number;
  get(id: string): unknown;
  has(id: string): boolean;
  set(id: string, record: unknown): unknown;
  delete(id: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<unknown>;
  entries(): IterableIterator<[string, unknown]>;
}

/** Under `freeze`, a table's answers are frozen too: a stray mutation of one throws, as of a Map's record. */
export function frozenReads(table: RecordTable): RecordTable {
  return {
    get size() {
      return table.size;
    },
    get: (id) => deepFreeze(table.get(id)),
    has: (id) => table.has(id),
    set: (id, record) => table.set(id, record),
    delete: (id) => table.delete(id),
    keys: () => table.keys(),
    *values() {
      for (const record of table.values()) yield deepFreeze(record);
    },
    *entries(): IterableIterator<[string, unknown]> {
      for (const [id, record] of table.entries()) yield [id, deepFreeze(record)];
    },
  };
}
