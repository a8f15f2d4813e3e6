// The reading room's OpenAPI document, served at GET /openapi.json. Request schemas are
// the ones the routes validate with; answers come from openapi-schemas.ts.
import { serviceDocument } from '../shared/openapi.js';
import { isoDate } from './dates.js';
import { availabilitySchemas } from './openapi-schemas.js';
import { reservationBody, reservationId, reservationQuery, scheduleBody } from './routes.js';

const PEOPLE = ['member', 'librarian'] as const;
const NO_RESERVATION = '/problems/reservation-not-found (also another member\'s)';

export const availabilityOpenApi = serviceDocument({
  service: 'availability',
  description: 'The reading room: titles on offer per date with their seats, and seat reservations. The schedule is public.',
  schemas: availabilitySchemas(),
  routes: {
    '/schedule': {
      get: { summary: 'The schedule for the coming dates', access: 'public', ok: { status: 200, description: 'Dates ascending.', schema: 'Schedule' } },
    },
    '/schedule/{date}': {
      get: {
        summary: 'The titles on offer on a date',
        access: 'public',
        params: { date: isoDate },
        ok: { status: 200, description: 'The offers.', schema: 'Offers' },
        problems: { 404: '/problems/date-not-scheduled' },
      },
      put: {
        summary: 'Set the titles and seats of a date',
        access: ['librarian'],
        params: { date: isoDate },
        body: scheduleBody,
        ok: { status: 200, description: 'The offers now.', schema: 'Offers' },
        problems: {
          409: '/problems/seats-taken: fewer seats than already reserved',
          422: '/problems/date-in-past, /problems/unknown-book',
          503: '/problems/service-unavailable (catalog, users)',
        },
      },
    },
    '/reservations': {
      post: {
        summary: 'Reserve a seat',
        description: 'A librarian may reserve for a member by naming them.',
        access: PEOPLE,
        body: reservationBody,
        ok: { status: 201, description: 'The reservation.', schema: 'Reservation', headers: { Location: '/reservations/{id}' } },
        problems: {
          403: '/problems/forbidden: a member naming someone else',
          404: '/problems/unknown-book, /problems/member-not-found (a librarian naming no active member)',
          409: '/problems/no-seats-left, /problems/already-reserved',
          422: '/problems/date-in-past, /problems/date-not-scheduled, /problems/not-on-schedule',
          503: '/problems/service-unavailable (catalog, users)',
        },
      },
      get: {
        summary: 'List reservations',
        description: 'Members see only their own.',
        access: ['member', 'librarian', 'service'],
        query: reservationQuery,
        ok: { status: 200, description: 'A page of reservations.', schema: 'ReservationPage' },
      },
    },
    '/reservations/{id}': {
      get: {
        summary: 'A reservation',
        access: ['member', 'librarian', 'service'],
        params: { id: reservationId },
        ok: { status: 200, description: 'The reservation.', schema: 'Reservation' },
        problems: { 404: NO_RESERVATION },
      },
      delete: {
        summary: 'Cancel a reservation',
        access: PEOPLE,
        params: { id: reservationId },
        ok: { status: 200, description: 'The reservation cancelled.', schema: 'Reservation' },
        problems: { 404: NO_RESERVATION, 422: '/problems/date-in-past' },
      },
    },
  },
});
