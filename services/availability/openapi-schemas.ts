// The reading room's answers as zod schemas: the JSON Schema of its OpenAPI document
// comes from here, and the compile-time proofs below keep each one equal to types.ts.
import { z } from 'zod';
import type { Page } from '../shared/http/validate.js';
import { componentSchemas, pageOf, timestamp, type Same } from '../shared/openapi.js';
import type { Offer, Reservation, Schedule } from './types.js';

const registry = z.registry<{ id: string }>();

const date = z.iso.date();
const seats = z.number().int().min(0);

export const offerSchema = z.strictObject({ bookId: z.string(), title: z.string(), seats, free: seats }).register(registry, { id: 'Offer' });

const offersSchema = z.array(offerSchema).register(registry, { id: 'Offers' });

export const scheduleSchema = z
  .record(date, z.array(offerSchema))
  .meta({ description: 'Date (YYYY-MM-DD, UTC) → the titles on offer that date, today onwards.' })
  .register(registry, { id: 'Schedule' });

export const reservationSchema = z
  .strictObject({ id: z.string().regex(/^rs-\d+$/), date, bookId: z.string(), title: z.string(), username: z.string(), createdAt: timestamp })
  .register(registry, { id: 'Reservation' });

const reservationPage = pageOf(reservationSchema).register(registry, { id: 'ReservationPage' });

export const proofs: [
  Same<z.output<typeof offerSchema>, Offer>,
  Same<z.output<typeof offersSchema>, Offer[]>,
  Same<z.output<typeof scheduleSchema>, Schedule>,
  Same<z.output<typeof reservationSchema>, Reservation>,
  Same<z.output<typeof reservationPage>, Page<Reservation>>,
] = [true, true, true, true, true];

export const availabilitySchemas = () => componentSchemas(registry);
