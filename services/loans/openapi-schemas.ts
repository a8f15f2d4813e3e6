// The loans service's answers as zod schemas: the JSON Schema of its OpenAPI document
// comes from here, and the compile-time proofs below keep each one equal to types.ts.
import { z } from 'zod';
import { componentSchemas, pageOf, timestamp, type Same } from '../shared/openapi.js';
import type { FineAccount, FineAccountList, Hold, HoldList, Loan, LoanList, NextShelf, Payment, ReturnedLoan } from './types.js';

const registry = z.registry<{ id: string }>();

const money = z.number().min(0);
const count = z.number().int().min(0);

export const loanSchema = z
  .strictObject({
    id: z.string(),
    bookId: z.string(),
    barcode: z.string(),
    username: z.string(),
    borrowedAt: timestamp,
    dueAt: timestamp,
    renewals: count,
    status: z.enum(['active', 'returned']),
    overdue: z.boolean(),
    returnedAt: timestamp.optional(),
    fine: money.optional(),
  })
  .meta({ description: '`returnedAt` and `fine` only once returned; `overdue` is worked out when asked.' })
  .register(registry, { id: 'Loan' });

const nextShelfSchema = z
  .union([
    z.strictObject({ shelf: z.literal('open') }),
    z.strictObject({ shelf: z.literal('hold'), holdId: z.string(), username: z.string() }),
  ])
  .meta({ description: 'Where the returned copy goes now: the open shelf, or the hold shelf for `username` (hold `holdId`).' })
  .register(registry, { id: 'NextShelf' });

export const returnedLoanSchema = loanSchema
  .extend({ next: nextShelfSchema })
  .meta({ description: 'The closed loan, and where its copy goes now.' })
  .register(registry, { id: 'ReturnedLoan' });

export const holdSchema = z
  .strictObject({
    id: z.string(),
    bookId: z.string(),
    username: z.string(),
    status: z.enum(['waiting', 'ready', 'fulfilled', 'cancelled', 'expired']),
    createdAt: timestamp,
    position: z.number().int().min(1).optional(),
    barcode: z.string().optional(),
    readyAt: timestamp.optional(),
    pickupBy: timestamp.optional(),
    closedAt: timestamp.optional(),
  })
  .register(registry, { id: 'Hold' });

export const fineAccountSchema = z
  .strictObject({ username: z.string(), charged: money, paid: money, balance: z.number(), accruing: money, overdueLoans: count, blocked: z.boolean() })
  .register(registry, { id: 'FineAccount' });

export const paymentSchema = z
  .strictObject({ id: z.string(), username: z.string(), amount: money, paidAt: timestamp, receivedBy: z.string(), balance: z.number() })
  .register(registry, { id: 'Payment' });

const loanPage = pageOf(loanSchema).register(registry, { id: 'LoanPage' });
const holdPage = pageOf(holdSchema).register(registry, { id: 'HoldPage' });
const fineAccountPage = pageOf(fineAccountSchema).register(registry, { id: 'FineAccountPage' });

/** GET /fines: one account, or (a librarian naming no one) the page of those who owe. */
const finesAnswer = z.union([fineAccountSchema, fineAccountPage]).register(registry, { id: 'FinesAnswer' });

export const proofs: [
  Same<z.output<typeof loanSchema>, Loan>,
  Same<z.output<typeof nextShelfSchema>, NextShelf>,
  Same<z.output<typeof returnedLoanSchema>, ReturnedLoan>,
  Same<z.output<typeof holdSchema>, Hold>,
  Same<z.output<typeof fineAccountSchema>, FineAccount>,
  Same<z.output<typeof paymentSchema>, Payment>,
  Same<z.output<typeof loanPage>, LoanList>,
  Same<z.output<typeof holdPage>, HoldList>,
  Same<z.output<typeof finesAnswer>, FineAccount | FineAccountList>,
] = [true, true, true, true, true, true, true, true, true];

export const loansSchemas = () => componentSchemas(registry);
