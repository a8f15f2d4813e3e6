// The availability contract: the reading room's schedule and its seat reservations.

/** A date in the reading room's calendar: YYYY-MM-DD, UTC. */
export type IsoDate = string;

/** One title on offer on a date, as GET /schedule shows it. */
export interface Offer {
  bookId: string;
  title: string;
  seats: number;
  /** Seats not yet reserved. */
  free: number;
}

/** GET /schedule: date → the titles on offer that date, today onwards, dates ascending. */
export type Schedule = Record<IsoDate, Offer[]>;

/** One line of PUT /schedule/:date. */
export interface ScheduleEntry {
  bookId: string;
  seats: number;
}

/** POST /reservations. Librarians may reserve for a member by naming them. */
export interface ReservationRequest {
  date: IsoDate;
  bookId: string;
  username?: string;
}

export interface Reservation {
  id: string; // "rs-12"
  date: IsoDate;
  bookId: string;
  title: string;
  username: string;
  createdAt: string;
}

/** GET /reservations query. */
export interface ReservationQuery {
  username?: string;
  date?: IsoDate;
  limit: number;
  offset: number;
}
