// The reading room's files in DATA_DIR/availability/: reading-room.json (snapshot) and
// reading-room.journal, holding the scheduled days and the reservations, beside the
// weekly template (template.json). Reservations are also indexed in memory by date and
// by member, so a seat check reads one day's reservations, not every one ever made.
import type { Faults } from '../shared/store/append-file.js';
import { DurableStore } from '../shared/store/json-store.js';
import type { IsoDate, Reservation } from './types.js';

export interface ScheduledTitle {
  bookId: string;
  title: string;
  seats: number;
}

export interface ScheduledDay {
  date: IsoDate;
  titles: ScheduledTitle[];
  /** Where the day came from: the weekly template, or a librarian (PUT /schedule/:date). */
  source: 'template' | 'librarian';
  updatedAt: string;
  updatedBy?: string;
}

export type RoomSchema = { days: ScheduledDay; reservations: Reservation };
export type RoomStore = DurableStore<RoomSchema>;

export const STORE_NAME = 'reading-room';

/** `faults`: a test's failing disk (shared/store/append-file.ts). */
export function openRoomStore(serviceDir: string, faults?: Faults): Promise<RoomStore> {
  return DurableStore.open<RoomSchema>({ dir: serviceDir, name: STORE_NAME, collections: ['days', 'reservations'], faults });
}

/**
 * Built from the store, then kept by its write listener: a reservation or cancellation the
 * disk refuses is undone in the store, and so here (store/README.md).
 */
export class ReservationIndex {
  private readonly byDate = new Map<IsoDate, Map<string, Reservation>>();
  private readonly byUser = new Map<string, Map<string, Reservation>>();

  constructor(store: RoomStore) {
    for (const r of store.values('reservations')) this.add(r);
    store.onWrite((collection, _id, before, after) => {
      if (collection !== 'reservations') return;
      if (before) this.remove(before as Reservation);
      if (after) this.add(after as Reservation);
    });
  }

  private add(r: Reservation): void {
    bucket(this.byDate, r.date).set(r.id, r);
    bucket(this.byUser, r.username).set(r.id, r);
  }

  private remove(r: Reservation): void {
    this.byDate.get(r.date)?.delete(r.id);
    this.byUser.get(r.username)?.delete(r.id);
  }

  onDate(date: IsoDate): Reservation[] {
    return [...(this.byDate.get(date)?.values() ?? [])];
  }

  ofUser(username: string): Reservation[] {
    return [...(this.byUser.get(username)?.values() ?? [])];
  }

  taken(date: IsoDate, bookId: string): number {
    let n = 0;
    for (const r of this.byDate.get(date)?.values() ?? []) if (r.bookId === bookId) n++;
    return n;
  }

  heldBy(date: IsoDate, username: string): Reservation | undefined {
    for (const r of this.byDate.get(date)?.values() ?? []) if (r.username === username) return r;
    return undefined;
  }
}

function bucket<T>(map: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}
