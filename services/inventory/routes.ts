// The public routes: anyone logged in may read; librarians add copies, change a copy's
// status and set the stock for sale.
import Router from '@koa/router';
import { z } from 'zod';
import { principal } from '../shared/auth.js';
import { pageQuery, parseBody, parseQuery } from '../shared/http/validate.js';
import type { InventoryService } from './service.js';

export const addCopiesBody = z.strictObject({ count: z.number().int().min(1).max(100) });
export const patchCopyBody = z.strictObject({ status: z.enum(['missing', 'withdrawn', 'available']) });
export const setStockBody = z.strictObject({ stock: z.number().int().min(0).max(1_000_000_000) });
export const listQuery = z.strictObject(pageQuery);

export function inventoryRoutes(inventory: InventoryService): Router {
  const router = new Router();

  router.get('/inventory', (ctx) => {
    principal(ctx);
    ctx.body = inventory.list(parseQuery(ctx, listQuery));
  });

  router.get('/inventory/:bookId', (ctx) => {
    principal(ctx);
    ctx.body = inventory.get(ctx.params.bookId);
  });

  router.post('/inventory/:bookId/copies', async (ctx) => {
    principal(ctx, 'librarian');
    const { count } = parseBody(ctx, addCopiesBody);
    ctx.body = await inventory.addCopies(ctx.params.bookId, count, ctx.state.requestId);
    ctx.status = 201;
  });

  router.patch('/inventory/copies/:barcode', async (ctx) => {
    principal(ctx, 'librarian');
    const { status } = parseBody(ctx, patchCopyBody);
    ctx.body = await inventory.patchCopy(ctx.params.barcode, status);
  });

  router.put('/inventory/:bookId/stock', async (ctx) => {
    principal(ctx, 'librarian');
    const { stock } = parseBody(ctx, setStockBody);
    ctx.body = await inventory.setStock(ctx.params.bookId, stock, ctx.state.requestId);
  });

  return router;
}
