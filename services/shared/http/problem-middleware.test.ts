import assert from 'node:assert/strict';
import Router from '@koa/router';
import Koa from 'koa';
import { listen, send, type Running } from '../../../test/support/http.js';
import { problemMiddleware } from './problem-middleware.js';

describe('problemMiddleware()', () => {
  let running: Running;
  before(async () => {
    const app = new Koa();
    const router = new Router();
    router.get('/books', (ctx) => {
      ctx.body = [];
    });
    app.use(problemMiddleware(() => {}));
    app.use(router.routes()).use(router.allowedMethods());
    running = await listen(app);
  });
  after(() => running.close());

  const cases: [string, string, number, string][] = [
    ['a path no route has', 'GET /nowhere', 404, '/problems/not-found'],
    ['a method the path does not take', 'DELETE /books', 405, '/problems/method-not-allowed'],
    ['a method no route takes (the router says 501)', 'PROPFIND /books', 501, '/problems/method-not-implemented'],
  ];
  for (const [what, request, status, type] of cases) {
    it(`answers ${what} with ${status} problem+json`, async () => {
      const [method, path] = request.split(' ');
      const reply = await send(running.url, method, path);
      assert.equal(reply.status, status);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(reply.body.type, type);
    });
  }
});
