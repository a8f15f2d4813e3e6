import assert from 'node:assert/strict';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { send } from '../../../test/support/http.js';
import { testTokens, tokenFor } from '../../../test/support/tokens.js';
import { startCatalog, type CatalogFixture } from '../../../test/fixtures/catalog.js';
import { ChangeFeed } from './change-feed.js';
import { ChangeSubscriber } from './change-subscriber.js';

interface RawStream {
  events: { event: string; data: any }[];
  next(event: string): Promise<any>;
  ended: Promise<void>;
  close(): void;
}

/** A subscriber by hand, which acknowledges only when the test says so. */
async function rawStream(url: string, token?: string, query = ''): Promise<RawStream & { status: number }> {
  const events: { event: string; data: any }[] = [];
  const waiters: (() => void)[] = [];
  let status = 0;
  let request!: http.ClientRequest;
  const ended = new Promise<void>((resolveEnd) => {
    const opened = new Promise<void>((resolve) => {
      request = http.get(`${url}/internal/changes${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (response) => {
        status = response.statusCode ?? 0;
        response.setEncoding('utf8');
        let pending = '';
        response.on('data', (chunk: string) => {
          pending += chunk;
          for (let end; (end = pending.indexOf('\n\n')) !== -1; pending = pending.slice(end + 2)) {
            const frame = pending.slice(0, end);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event) events.push({ event, data: JSON.parse(data!) });
            waiters.splice(0).forEach((wake) => wake());
          }
        });
        response.on('close', () => resolveEnd());
        resolve();
      });
      request.on('error', () => resolveEnd());
    });
    void opened;
  });
  await new Promise<void>((resolve) => {
    const check = () => (status ? resolve() : setTimeout(check, 5));
    check();
  });
  const next = async (event: string) => {
    for (;;) {
      const found = events.find((e) => e.event === event);
      if (found) return events.splice(events.indexOf(found), 1)[0].data;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return { status, events, next, ended, close: () => request.destroy() };
}

const ack = async (url: string, subscriber: string, seq: number) =>
  send(url, 'POST', '/internal/changes/ack', { json: { subscriber, seq }, token: await testTokens.serviceToken('gateway')() });

describe('ChangeFeed: a write is answered once every subscriber has it', function () {
  this.timeout(20_000);
  let catalog: CatalogFixture;
  let librarian: string;

  before(async () => {
    catalog = await startCatalog({ feed: new ChangeFeed({ heartbeatMs: 100, ackTimeoutMs: 800 }) });
    librarian = await tokenFor('lib', 'librarian');
  });
  after(() => catalog.close());

  it('refuses a stream to anyone but a service', async () => {
    assert.equal((await rawStream(catalog.url)).status, 401);
    assert.equal((await rawStream(catalog.url, librarian)).status, 403);
  });

  it('holds the answer to a write until the subscriber acknowledges its change', async () => {
    const stream = await rawStream(catalog.url, await testTokens.serviceToken('gateway')());
    const hello = await stream.next('hello');
    const order: string[] = [];
    const write = send(catalog.url, 'PATCH', '/books/bk-1', { json: { price: 11 }, token: librarian }).then((reply) => {
      order.push('write answered');
      return reply;
    });
    const change = await stream.next('change');
    assert.deepEqual(change.keys, ['bk-1']);
    await sleep(200);
    order.push('acknowledged');
    assert.equal((await ack(catalog.url, hello.subscriber, change.seq)).status, 204);
    assert.equal((await write).status, 200);
    assert.deepEqual(order, ['acknowledged', 'write answered']);
    // Answers carry the position they were computed at.
    assert.equal((await send(catalog.url, 'GET', '/books/bk-1')).headers.get('x-change-seq'), `${hello.feed}:${change.seq}`);
    stream.close();
  });

  it('sends a subscriber that ignores a prefix no change made only of such keys, and waits for none', async () => {
    const feed = new ChangeFeed({ heartbeatMs: 100, ackTimeoutMs: 60_000 });
    const own = await startCatalog({ feed });
    const stream = await rawStream(own.url, await testTokens.serviceToken('orders')(), '?ignore=stock:');
    try {
      const hello = await stream.next('hello');
      // Were it sent, this would wait a minute for an acknowledgement this stream never sends.
      await feed.publish(['stock:bk-1', 'stock:bk-2']);
      const both = feed.publish(['stock:bk-1', 'bk-1']); // a book among them: sent, and waited for
      const change = await stream.next('change');
      assert.deepEqual(change.keys, ['stock:bk-1', 'bk-1']);
      assert.equal(change.seq, 2);
      assert.equal((await ack(own.url, hello.subscriber, change.seq)).status, 204);
      await both;
      assert.deepEqual(stream.events.filter((e) => e.event === 'change'), []);
    } finally {
      stream.close();
      await own.close();
    }
  });

  it('refuses a stream whose ignore prefix is empty or too long', async () => {
    const token = await testTokens.serviceToken('orders')();
    for (const ignore of ['', 'x'.repeat(101)]) {
      const reply = await send(catalog.url, 'GET', `/internal/changes?ignore=${ignore}`, { token });
      assert.equal(reply.status, 422, ignore);
      assert.equal(reply.body.type, '/problems/validation-failed');
    }
  });

  it('cuts off a subscriber that does not acknowledge in time, and then answers the write', async () => {
    const stream = await rawStream(catalog.url, await testTokens.serviceToken('gateway')());
    await stream.next('hello');
    const reply = await send(catalog.url, 'PATCH', '/books/bk-1', { json: { price: 12 }, token: librarian });
    assert.equal(reply.status, 200);
    await stream.ended; // the stream was ended by the catalog
  });
});

describe('ChangeSubscriber', function () {
  this.timeout(20_000);

  it('applies each change before acknowledging it, drops its copies when the stream goes, and comes back', async () => {
    const feed = new ChangeFeed({ heartbeatMs: 100, ackTimeoutMs: 2000 });
    const catalog = await startCatalog({ feed });
    const seen: string[] = [];
    let lost = 0;
    const subscriber = new ChangeSubscriber({ url: catalog.url, token: testTokens.serviceToken('gateway'), onChange: (keys) => void seen.push(...keys), onLost: () => lost++, retryMs: 50 });
    try {
      subscriber.start();
      while (!subscriber.usable()) await sleep(10);
      const before = feed.position;
      assert.ok(subscriber.accepts(before));
      await feed.publish(['bk-2']); // resolves only once acknowledged
      assert.deepEqual(seen, ['bk-2']);
      assert.equal(subscriber.accepts(before), false, 'an answer from before the change is not kept');
      assert.ok(subscriber.accepts(feed.position));
      const lostBefore = lost;
      feed.close(); // every stream ends, as when the catalog stops
      while (lost === lostBefore) await sleep(10);
      assert.equal(subscriber.usable(), false);
      while (!subscriber.usable()) await sleep(10); // resubscribed
      assert.equal(feed.subscriberCount, 1);
    } finally {
      subscriber.stop();
      await catalog.close();
    }
  });
});
