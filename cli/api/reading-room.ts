// The reading room, through the gateway: the schedule is public, reservations need a
// login, and changing the schedule a librarian.
import { segment, type ApiClient } from './client.js';
import type { Page, PageQuery } from './types.js';
import type { Offer, Reservation, Schedule, ScheduleEntry } from '../../services/availability/types.js';

export type { Offer, Reservation, Schedule, ScheduleEntry };

export interface ReservationFilter extends PageQuery {
  username?: string;
  date?: string;
}

export function getSchedule(api: ApiClient): Promise<Schedule> {
  return api.get('/schedule', { auth: false });
}

export function getScheduleDay(api: ApiClient, date: string): Promise<Offer[]> {
  return api.get(`/schedule/${segment(date)}`, { auth: false });
}

export function setScheduleDay(api: ApiClient, date: string, entries: ScheduleEntry[]): Promise<Offer[]> {
  return api.put(`/schedule/${segment(date)}`, entries);
}

export function reserveSeat(api: ApiClient, date: string, bookId: string): Promise<Reservation> {
  return api.post('/reservations', { date, bookId });
}

export function listReservations(api: ApiClient, filter: ReservationFilter = {}): Promise<Page<Reservation>> {
  return api.get('/reservations', { searchParams: { ...filter } });
}

export function cancelReservation(api: ApiClient, id: string): Promise<Reservation> {
  return api.delete(`/reservations/${segment(id)}`);
}
