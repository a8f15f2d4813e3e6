// What the parts of the inventory service share: the store, its in-memory indexes and
// the settings, plus the refusals more than one part makes.
import type { Clock } from '../shared/clock.js';
import { Conflict, NotFound } from '../shared/problem.js';
import type { BookIndex } from './book-index.js';
import type { InventoryStore } from './store.js';
import type { TakeTracker } from './take-tracker.js';

export interface InventoryContext {
  store: InventoryStore;
  books: BookIndex;
  takes: TakeTracker;
  /** How long a take waits for its confirmation before inventory releases it. */
  takeTimeoutMs: number;
  now: Clock;
}

export const operationReused = (operationId: string) =>
  new Conflict('operation-id-reused', 'Operation id reused', `operation ${operationId} was already used for a different request`);

export const unknownTake = (operationId: string) => new NotFound(`no take has the operation id ${operationId}`);

export const takeConfirmed = (operationId: string) =>
  new Conflict('take-confirmed', 'Take confirmed', `take ${operationId} is confirmed and can no longer be released`);

export const takeReleased = (operationId: string) =>
  new Conflict('take-released', 'Take released', `take ${operationId} was released by its caller; take again with a new operation id`);

export const takeExpired = (operationId: string, detail: string) =>
  new Conflict('take-expired', 'Take expired', `take ${operationId} expired and ${detail}`);
