// The users service's answers as zod schemas: the JSON Schema of its OpenAPI document
// comes from here, and the compile-time proofs below keep each one equal to types.ts.
import { z } from 'zod';
import type { Page } from '../shared/http/validate.js';
import { componentSchemas, pageOf, timestamp, type Same } from '../shared/openapi.js';
import type { AccountFacts, LoginResponse, PublicUser } from './types.js';

const registry = z.registry<{ id: string }>();

export const publicUserSchema = z
  .strictObject({
    username: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['member', 'librarian']),
    active: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'An account as anyone may see it: never a password or its hash.' })
  .register(registry, { id: 'PublicUser' });

export const loginResponseSchema = z
  .strictObject({ token: z.string(), expiresAt: timestamp, user: publicUserSchema })
  .register(registry, { id: 'LoginResponse' });

const accountFacts = z
  .strictObject({ username: z.string(), role: z.enum(['member', 'librarian']), active: z.boolean(), tokenVersion: z.number().int().min(0) })
  .register(registry, { id: 'AccountFacts' });

const userPage = pageOf(publicUserSchema).register(registry, { id: 'UserPage' });

export const proofs: [
  Same<z.output<typeof publicUserSchema>, PublicUser>,
  Same<z.output<typeof loginResponseSchema>, LoginResponse>,
  Same<z.output<typeof userPage>, Page<PublicUser>>,
  Same<z.output<typeof accountFacts>, AccountFacts>,
] = [true, true, true, true];

export const usersSchemas = () => componentSchemas(registry);
