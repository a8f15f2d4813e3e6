// The shop's answers as zod schemas: the JSON Schema of its OpenAPI document comes from
// here, and the compile-time proofs below keep each one equal to types.ts.
import { z } from 'zod';
import { componentSchemas, pageOf, timestamp, type Same } from '../shared/openapi.js';
import type { Order, OrderList } from './types.js';

const registry = z.registry<{ id: string }>();

export const orderSchema = z
  .strictObject({
    id: z.string(),
    bookId: z.string(),
    title: z.string(),
    quantity: z.number().int().min(1),
    unitPrice: z.number().min(0),
    total: z.number().min(0),
    username: z.string(),
    createdAt: timestamp,
  })
  .meta({ description: 'Title and unit price as the catalog had them when the order was placed.' })
  .register(registry, { id: 'Order' });

const orderPage = pageOf(orderSchema).register(registry, { id: 'OrderPage' });

export const proofs: [Same<z.output<typeof orderSchema>, Order>, Same<z.output<typeof orderPage>, OrderList>] = [true, true];

export const ordersSchemas = () => componentSchemas(registry);
