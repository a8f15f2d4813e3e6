// Inventory's answers as zod schemas: the JSON Schema of its OpenAPI document comes from
// here, and the compile-time proofs below keep each one equal to types.ts.
import { z } from 'zod';
import type { Page } from '../shared/http/validate.js';
import { componentSchemas, pageOf, timestamp, type Same } from '../shared/openapi.js';
import { COPY_STATUSES, type AddCopiesResponse, type BookInventory, type BookInventoryDetail, type Copy, type Confirmations, type CopyTake, type StockTake } from '../contracts/inventory.js';

const registry = z.registry<{ id: string }>();

const copyStatus = z.enum(COPY_STATUSES);
const takeState = z.enum(['taken', 'confirmed', 'released']);
const count = z.number().int().min(0);

export const copySchema = z.strictObject({ barcode: z.string(), bookId: z.string(), status: copyStatus, updatedAt: timestamp }).register(registry, { id: 'Copy' });

const inventoryFields = { bookId: z.string(), copies: z.strictObject({ total: count, available: count }), stock: count };

export const bookInventorySchema = z.strictObject(inventoryFields).register(registry, { id: 'BookInventory' });

export const bookInventoryDetailSchema = z
  .strictObject({ ...inventoryFields, barcodes: z.array(z.strictObject({ barcode: z.string(), status: copyStatus })) })
  .register(registry, { id: 'BookInventoryDetail' });

export const addCopiesResponseSchema = z.strictObject({ bookId: z.string(), barcodes: z.array(z.string()) }).register(registry, { id: 'AddCopiesResponse' });

export const copyTakeSchema = z
  .strictObject({
    operationId: z.string(),
    bookId: z.string(),
    barcode: z.string(),
    previousStatus: z.enum(['available', 'on-hold-shelf']),
    state: takeState,
    expiresAt: timestamp,
  })
  .register(registry, { id: 'CopyTake' });

export const stockTakeSchema = z
  .strictObject({ operationId: z.string(), bookId: z.string(), quantity: z.number().int().min(1), state: takeState, expiresAt: timestamp })
  .register(registry, { id: 'StockTake' });

const problemBody = z.looseObject({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string().optional() });
/** The answer of a confirm-many: per id, the take or the problem. */
function confirmations<Take extends z.ZodType>(take: Take) {
  return z.strictObject({
    results: z.array(z.union([z.strictObject({ operationId: z.string(), take }), z.strictObject({ operationId: z.string(), problem: problemBody })])),
  });
}
export const copyConfirmationsSchema = confirmations(copyTakeSchema).register(registry, { id: 'CopyConfirmations' });
export const stockConfirmationsSchema = confirmations(stockTakeSchema).register(registry, { id: 'StockConfirmations' });

const inventoryPage = pageOf(bookInventorySchema).register(registry, { id: 'InventoryPage' });

export const proofs: [
  Same<z.output<typeof copySchema>, Copy>,
  Same<z.output<typeof bookInventorySchema>, BookInventory>,
  Same<z.output<typeof bookInventoryDetailSchema>, BookInventoryDetail>,
  Same<z.output<typeof addCopiesResponseSchema>, AddCopiesResponse>,
  Same<z.output<typeof copyTakeSchema>, CopyTake>,
  Same<z.output<typeof stockTakeSchema>, StockTake>,
  Same<z.output<typeof inventoryPage>, Page<BookInventory>>,
  Same<z.output<typeof copyConfirmationsSchema>, Confirmations<CopyTake>>,
  Same<z.output<typeof stockConfirmationsSchema>, Confirmations<StockTake>>,
] = [true, true, true, true, true, true, true, true, true];

export const inventorySchemas = () => componentSchemas(registry);
