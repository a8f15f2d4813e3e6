// The catalog's HTTP face: reads are open to everyone, changes are for librarians.
import Router from '@koa/router';
import { principal } from '../shared/auth.js';
import { check, parseBody, parseQuery } from '../shared/http/validate.js';
import { bookInputSchema, bookPatchSchema, bookQuerySchema, pageSchema, topicParam } from './schemas.js';
import type { CatalogService } from './service.js';

/** `stockMirrored`: whether /info's stock comes from the mirror that inventory keeps current (then a gateway may keep the answer). */
export function catalogRouter(catalog: CatalogService, stockMirrored: () => boolean = () => false): Router {
  const router = new Router();

  router.get('/books', async (ctx) => {
    const { q, topic, author, limit, offset } = parseQuery(ctx, bookQuerySchema);
    ctx.body = await catalog.search({ q, topic, author }, { limit, offset });
  });

  router.get('/books/:id', (ctx) => {
    ctx.body = catalog.get(ctx.params.id);
  });

  router.get('/topics', async (ctx) => {
    ctx.body = await catalog.topics(parseQuery(ctx, pageSchema));
  });

  router.get('/search/:topic', async (ctx) => {
    const topic = check(topicParam, ctx.params.topic, 'invalid topic');
    ctx.body = await catalog.byTopic(topic, parseQuery(ctx, pageSchema));
  });

  router.get('/info/:id', async (ctx) => {
    if (!stockMirrored()) ctx.set('Cache-Control', 'no-store');
    ctx.body = await catalog.info(ctx.params.id, ctx.state.requestId);
  });

  router.post('/books', async (ctx) => {
    principal(ctx, 'librarian');
    const book = await catalog.create(parseBody(ctx, bookInputSchema));
    ctx.status = 201;
    ctx.set('Location', `/books/${book.id}`);
    ctx.body = book;
  });

  router.put('/books/:id', async (ctx) => {
    principal(ctx, 'librarian');
    ctx.body = await catalog.replace(ctx.params.id, parseBody(ctx, bookInputSchema));
  });

  router.patch('/books/:id', async (ctx) => {
    principal(ctx, 'librarian');
    ctx.body = await catalog.patch(ctx.params.id, parseBody(ctx, bookPatchSchema));
  });

  router.delete('/books/:id', async (ctx) => {
    principal(ctx, 'librarian');
    await catalog.remove(ctx.params.id, ctx.state.requestId);
    ctx.status = 204;
  });

  return router;
}
