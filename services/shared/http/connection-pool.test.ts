import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionPool, WireError } from './connection-pool.js';

/** A node:http server on 127.0.0.1 that notes which client port each request came from. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, options: http.ServerOptions = {}) {
  const ports: number[] = [];
  let open = 0;
  let mostOpen = 0;
  const server = http.createServer(options, (req, res) => {
    ports.push(req.socket.remotePort!);
    req.resume();
    req.on('end', () => handler(req, res));
  });
  server.on('connection', (socket) => {
    mostOpen = Math.max(mostOpen, ++open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    ports,
    mostOpen: () => mostOpen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ok = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
};

describe('ConnectionPool', () => {
  it('sends the head and body as given, and reuses one connection for requests one after another', async () => {
    let seen = '';
    const server = await serve((req, res) => {
      seen = `${req.method} ${req.url} ${req.headers['x-thing']} ${req.headers['content-length']} ${req.headers.host}`;
      ok(req, res);
    });
    const pool = new ConnectionPool(server.url);
    for (let i = 0; i < 3; i++) {
      const answer = await pool.request('POST', '/a/%2E?q=1', { 'x-thing': 'v' }, Buffer.from('{"n":1}'), 1000);
      assert.deepEqual([answer.status, answer.headers['content-type'], answer.body.toString()], [200, 'application/json', '{"ok":true}']);
    }
    assert.equal(seen, `POST /a/%2E?q=1 v 7 ${server.url.host}`);
    assert.equal(new Set(server.ports).size, 1);
    pool.close();
    await server.close();
  });

  it('opens at most maxSockets connections; further requests wait for one and are all answered', async () => {
    const server = await serve((req, res) => setTimeout(() => ok(req, res), 20));
    const pool = new ConnectionPool(server.url, 2);
    const answers = await Promise.all(Array.from({ length: 7 }, () => pool.request('GET', '/', {}, undefined, 2000)));
    assert.deepEqual(answers.map((a) => a.status), Array(7).fill(200));
    assert.equal(server.mostOpen(), 2);
    pool.close();
    await server.close();
  });

  it('does not reuse a connection the server closes, one idle too long, or one past the server\'s Keep-Alive timeout', async () => {
    const close = await serve((req, res) => {
      res.setHeader('connection', 'close');
      ok(req, res);
    });
    const pool = new ConnectionPool(close.url);
    for (let i = 0; i < 3; i++) assert.equal((await pool.request('GET', '/', {}, undefined, 1000)).status, 200);
    assert.equal(new Set(close.ports).size, 3);
    pool.close();
    await close.close();

    const idle = await serve(ok);
    const short = new ConnectionPool(idle.url, 64, 30);
    await short.request('GET', '/', {}, undefined, 1000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await short.request('GET', '/', {}, undefined, 1000);
    assert.equal(new Set(idle.ports).size, 2);
    short.close();
    await idle.close();

    // keepAliveTimeout 1 s: the server says "Keep-Alive: timeout=1", which leaves no idle time to reuse it in.
    const hinted = await serve(ok, { keepAliveTimeout: 1000 });
    const pool2 = new ConnectionPool(hinted.url);
    await pool2.request('GET', '/', {}, undefined, 1000);
    await pool2.request('GET', '/', {}, undefined, 1000);
    assert.equal(new Set(hinted.ports).size, 2);
    pool2.close();
    await hinted.close();
  });

  it('reads a chunked answer whole, and an answer to HEAD without a body', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', ...(req.method === 'HEAD' ? { 'content-length': '5' } : {}) });
      if (req.method === 'HEAD') return void res.end();
      res.write('par');
      setTimeout(() => res.end('ts'), 10);
    });
    const pool = new ConnectionPool(server.url);
    assert.equal((await pool.request('GET', '/', {}, undefined, 1000)).body.toString(), 'parts');
    const head = await pool.request('HEAD', '/', {}, undefined, 1000);
    assert.deepEqual([head.status, head.body.length], [200, 0]);
    assert.equal((await pool.request('GET', '/', {}, undefined, 1000)).body.toString(), 'parts', 'the connection is still in step after HEAD');
    pool.close();
    await server.close();
  });

  it('reads past an interim answer (103 Early Hints) to the final one', async () => {
    const server = await serve((req, res) => {
      res.writeEarlyHints({ link: '</a.css>; rel=preload' });
      ok(req, res);
    });
    const pool = new ConnectionPool(server.url);
    const answer = await pool.request('GET', '/', {}, undefined, 1000);
    assert.deepEqual([answer.status, answer.body.toString(), answer.headers.link], [200, '{"ok":true}', undefined]);
    pool.close();
    await server.close();
  });

  it('fails with ECONNRESET when the server breaks off mid-answer, and with ETIMEDOUT when it does not answer', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/silent') return;
      res.writeHead(200, { 'content-length': '100' });
      res.write('short');
      setTimeout(() => res.destroy(), 10);
    });
    const pool = new ConnectionPool(server.url);
    await assert.rejects(pool.request('GET', '/', {}, undefined, 1000), (error: WireError) => error.code === 'ECONNRESET');
    await assert.rejects(pool.request('GET', '/silent', {}, undefined, 50), (error: WireError) => error.code === 'ETIMEDOUT');
    assert.deepEqual(pool.sockets, { busy: 0, idle: 0 });
    pool.close();
    await server.close();
  });

  it('refuses a header value or path that could split the request, sending nothing', async () => {
    const server = await serve(ok);
    const pool = new ConnectionPool(server.url);
    await assert.rejects(pool.request('GET', '/', { 'x-request-id': 'a\r\nx-admin: 1' }, undefined, 1000), (error: WireError) => error.code === 'ERR_INVALID_CHAR');
    await assert.rejects(pool.request('GET', '/a b', {}, undefined, 1000), (error: WireError) => error.code === 'ERR_UNESCAPED_CHARACTERS');
    assert.equal(server.ports.length, 0);
    pool.close();
    await server.close();
  });
});
