// The reading room's rules: which titles are on offer each day and how many seats are
// left. Every seat check and its write happen inside one synchronous store.change, so
// two members can never both take the last seat.
import { isStaff, type Principal } from '../shared/auth.js';
import type { MemberCheck } from '../contracts/users-client.js';
import { isoNow, type Clock } from '../shared/clock.js';
import { Forbidden } from '../shared/problem.js';
import { paginate, type Page } from '../shared/http/validate.js';
import type { Book } from '../contracts/catalog.js';
import { dateRange, utcDate, weekdayOf } from './dates.js';
import * as problems from './problems.js';
import { ReservationIndex, type RoomStore, type ScheduledDay, type ScheduledTitle } from './store.js';
import type { Template } from './template.js';
import type { IsoDate, Offer, Reservation, ReservationQuery, ReservationRequest, Schedule, ScheduleEntry } from './types.js';
import { roomCounters } from './metrics.js';

/** What the reading room needs of the catalog (CatalogClient in production). */
export interface BookLookup {
  getBook(bookId: string, requestId?: string): Promise<Book | null>;
}

export interface ReadingRoomDeps {
  store: RoomStore;
  catalog: BookLookup;
  template: Template;
  /** The clock, injected so tests can move the day. */
  now: Clock;
  /** Whether a librarian's "for member X" names an existing, active member (UsersClient.memberCheck). */
  members: MemberCheck;
}

export class ReadingRoom {
  private readonly index: ReservationIndex;
  /** The day the template was last published for; a new day publishes again. */
  private rolledFor: IsoDate | null = null;

  constructor(private readonly deps: ReadingRoomDeps) {
    this.index = new ReservationIndex(deps.store);
  }

  today(): IsoDate {
    return utcDate(new Date(this.deps.now()));
  }

  /**
   * Publishes the weekly template for every date from today to today + horizon that
   * has no schedule yet; a date already scheduled (above all by a librarian) is kept.
   * Returns how many dates were published.
   */
  async rollForward(): Promise<number> {
    const today = this.today();
    if (this.rolledFor === today) return 0;
    const { store, template } = this.deps;
    const updatedAt = isoNow(this.deps.now);
    const published = await store.change((tx) => {
      let count = 0;
      for (const date of dateRange(today, template.horizonDays)) {
        const slots = template.weekly[weekdayOf(date)] ?? [];
        if (slots.length === 0 || tx.get('days', date)) continue;
        const titles = slots.map(({ bookId, title, seats }) => ({ bookId, title, seats }));
        tx.put('days', date, { date, titles, source: 'template', updatedAt });
        count++;
      }
      return count;
    });
    this.rolledFor = today;
    return published;
  }

  async schedule(): Promise<Schedule> {
    await this.rollForward();
    const today = this.today();
    const days = [...this.deps.store.values('days')].filter((d) => d.date >= today).sort((a, b) => a.date.localeCompare(b.date));
    return Object.fromEntries(days.map((day) => [day.date, this.offers(day)]));
  }

  async day(date: IsoDate): Promise<Offer[]> {
    await this.rollForward();
    const day = this.deps.store.get('days', date);
    if (!day) throw problems.dateNotScheduled(date, 404);
    return this.offers(day);
  }

  /** A librarian's schedule for one date; it replaces the template's for good. */
  async setDay(user: Principal, date: IsoDate, entries: ScheduleEntry[], requestId?: string): Promise<Offer[]> {
    await this.rollForward();
    this.refusePast(date);
    const titles = await this.titlesOf(entries, requestId);
    const updatedAt = isoNow(this.deps.now);
    await this.deps.store.change((tx) => {
      this.refusePast(date); // the day may have turned while the catalog answered
      this.refuseDroppingReserved(date, titles);
      tx.put('days', date, { date, titles, source: 'librarian', updatedAt, updatedBy: user.username });
    });
    return this.offers(this.deps.store.get('days', date)!);
  }

  async reserve(user: Principal, request: ReservationRequest, requestId?: string): Promise<Reservation> {
    const username = await actingFor(user, request.username, this.deps.members, requestId);
    const { date, bookId } = request;
    await this.rollForward();
    if (!this.offerOn(date, bookId)) {
      const book = await this.deps.catalog.getBook(bookId, requestId);
      throw book ? problems.notOnSchedule(bookId, date) : problems.unknownBook(bookId, 404);
    }
    const reserved = await this.deps.store.change((tx) => {
      const offer = this.offerOn(date, bookId); // checked again: nothing may change between here and the put
      if (!offer) throw problems.notOnSchedule(bookId, date);
      const held = this.index.heldBy(date, username);
      if (held) throw problems.alreadyReserved(date, username, held.id);
      if (this.index.taken(date, bookId) >= offer.seats) throw problems.noSeatsLeft(bookId, date);
      const id = `rs-${tx.nextSeq('reservation')}`;
      const reservation: Reservation = { id, date, bookId, title: offer.title, username, createdAt: isoNow(this.deps.now) };
      tx.put('reservations', id, reservation);
      return reservation;
    });
    roomCounters.reservations.inc();
    return reserved;
  }

  list(user: Principal, query: ReservationQuery): Page<Reservation> {
    if (!isStaff(user) && query.username !== undefined && query.username !== user.username) {
      throw new Forbidden('members see only their own reservations');
    }
    const username = isStaff(user) ? query.username : user.username;
    let items = username === undefined ? [...this.deps.store.values('reservations')] : this.index.ofUser(username);
    if (query.date !== undefined) items = items.filter((r) => r.date === query.date);
    items.sort((a, b) => a.date.localeCompare(b.date) || seqOf(a.id) - seqOf(b.id));
    return paginate(items, query);
  }

  /** A reservation its holder or a librarian may see; anyone else is told there is none. */
  get(user: Principal, id: string): Reservation {
    const reservation = this.deps.store.get('reservations', id);
    if (!reservation || (!isStaff(user) && reservation.username !== user.username)) throw problems.reservationNotFound(id);
    return reservation;
  }

  /** Cancels a reservation; its seat is free again as soon as this returns. */
  cancel(user: Principal, id: string): Promise<Reservation> {
    return this.deps.store.change((tx) => {
      const reservation = this.get(user, id);
      this.refusePast(reservation.date); // a past visit is history, not a seat to free
      tx.remove('reservations', id);
      return reservation;
    });
  }

  private offers(day: ScheduledDay): Offer[] {
    return day.titles.map((t) => ({ ...t, free: Math.max(0, t.seats - this.index.taken(day.date, t.bookId)) }));
  }

  /** The title offered on a date, undefined when it is not on that day's list. */
  private offerOn(date: IsoDate, bookId: string): ScheduledTitle | undefined {
    this.refusePast(date);
    const day = this.deps.store.get('days', date);
    if (!day) throw problems.dateNotScheduled(date, 422);
    return day.titles.find((t) => t.bookId === bookId);
  }

  private refusePast(date: IsoDate): void {
    const today = this.today();
    if (date < today) throw problems.dateInPast(date, today);
  }

  private refuseDroppingReserved(date: IsoDate, titles: ScheduledTitle[]): void {
    const taken = new Map<string, number>();
    for (const r of this.index.onDate(date)) taken.set(r.bookId, (taken.get(r.bookId) ?? 0) + 1);
    for (const [bookId, count] of taken) {
      const seats = titles.find((t) => t.bookId === bookId)?.seats ?? 0;
      if (seats < count) throw problems.seatsTaken(bookId, date, count);
    }
  }

  /** Each entry with its catalog title; a book the catalog does not know refuses the lot. */
  private async titlesOf(entries: ScheduleEntry[], requestId?: string): Promise<ScheduledTitle[]> {
    const books = await Promise.all(entries.map((e) => this.deps.catalog.getBook(e.bookId, requestId)));
    return entries.map((entry, i) => {
      const book = books[i];
      if (!book) throw problems.unknownBook(entry.bookId, 422);
      return { bookId: entry.bookId, title: book.title, seats: entry.seats };
    });
  }
}

/** Members reserve for themselves; a librarian at the desk may name the member, who must exist and be active. */
async function actingFor(user: Principal, username: string | undefined, members: MemberCheck, requestId?: string): Promise<string> {
  if (username === undefined || username === user.username) return user.username;
  if (!isStaff(user)) throw new Forbidden('members reserve only for themselves');
  await members(username, requestId);
  return username;
}

function seqOf(id: string): number {
  return Number(id.slice(id.indexOf('-') + 1)) || 0;
}
