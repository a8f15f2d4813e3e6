// Inventory's stock feed as the catalog's mirror sees it: a real subscriber over HTTP, which
// holds its acknowledgement back, so the test sees which writes wait for it.
import assert from 'node:assert/strict';
import { ChangeSubscriber } from '../shared/http/change-subscriber.js';
import { send } from '../../test/support/http.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; !probe(); i++) {
    if (i >= tries) throw new Error('condition not met in time');
    await sleep(25);
  }
}

describe('inventory stock feed (GET /internal/changes)', () => {
  let f: InventoryFixture;
  let subscriber: ChangeSubscriber | undefined;
  let service: string;
  let librarian: string;
  const feed = { hellos: [] as unknown[], ends: 0, changes: [] as { keys: string[]; data: unknown }[], lost: 0 };

  /** Subscribes as the catalog does; each change's acknowledgement waits for `hold()`. */
  async function subscribe(hold: () => Promise<void>): Promise<void> {
    subscriber = new ChangeSubscriber({
      url: f.url,
      token: testTokens.serviceToken('catalog'),
      onHello: () => void feed.hellos.push({}),
      onPart: (part) => void Object.assign(feed.hellos.at(-1) as object, part),
      onSnapshotEnd: () => void feed.ends++,
      onChange: (keys, _seq, data) => {
        feed.changes.push({ keys, data });
        return hold();
      },
      onLost: () => void feed.lost++,
      retryMs: 50,
    });
    subscriber.start();
    await until(() => subscriber!.usable() && feed.ends > 0);
  }
  const take = (operationId: string, quantity: number) =>
    send(f.url, 'POST', '/internal/stock/take', { json: { operationId, bookId: 'bk-1', quantity }, token: service });

  before(async () => {
    service = await tokenFor('service:orders', 'service');
    librarian = await tokenFor('admin', 'librarian');
  });
  beforeEach(async () => {
    Object.assign(feed, { hellos: [], ends: 0, changes: [], lost: 0 });
    f = await startInventory({ withCatalog: true });
  });
  afterEach(async () => {
    subscriber?.stop();
    subscriber = undefined;
    await f.dispose();
  });

  it("starts a subscriber from every book's stock and announces a purchase's take without waiting for its acknowledgement", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await subscribe(() => held);
    assert.equal((feed.hellos[0] as Record<string, number>)['bk-1'], 12);

    // The subscriber acknowledges nothing until released: a take that waited for it would be
    // answered only once the feed gave up on the subscriber and cut its stream.
    assert.equal((await take('buy-1', 3)).status, 201);
    await until(() => feed.changes.length === 1);
    assert.deepEqual(feed.changes[0], { keys: ['bk-1'], data: { 'bk-1': 9 } });
    release();
    assert.equal((await take('buy-2', 2)).status, 201);
    await until(() => feed.changes.length === 2);
    assert.deepEqual(feed.changes[1], { keys: ['bk-1'], data: { 'bk-1': 7 } });
    assert.equal(feed.lost, 0, 'the subscriber was cut off: a take waited for its acknowledgement');
    assert.equal(feed.hellos.length, 1);
  });

  it("answers a librarian's stock write only once the subscriber has acknowledged it", async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await subscribe(async () => {
      await held;
      order.push('acknowledged');
    });
    const put = send(f.url, 'PUT', '/inventory/bk-1/stock', { json: { stock: 5 }, token: librarian }).then((reply) => order.push(`answered ${reply.status}`));
    await until(() => feed.changes.length === 1);
    assert.deepEqual(feed.changes[0], { keys: ['bk-1'], data: { 'bk-1': 5 } });
    await sleep(200); // room for a wrong early answer
    order.push('released');
    release();
    await put;
    assert.deepEqual(order, ['released', 'acknowledged', 'answered 200']);
    assert.equal(feed.lost, 0);
  });

  it('sends the changes made while a frame waits for its acknowledgement together, in the next frame', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await subscribe(() => (feed.changes.length === 1 ? held : Promise.resolve()));
    assert.equal((await take('buy-1', 1)).status, 201);
    await until(() => feed.changes.length === 1);
    assert.equal((await take('buy-2', 1)).status, 201);
    assert.equal((await take('buy-3', 1)).status, 201);
    let put = 'waiting';
    const answered = send(f.url, 'PUT', '/inventory/bk-1/stock', { json: { stock: 5 }, token: librarian }).then((reply) => (put = `answered ${reply.status}`));
    await sleep(200); // room for a frame sent too early, or the write answered before it
    assert.equal(feed.changes.length, 1, 'a frame went out while the one before it waited for its acknowledgement');
    assert.equal(put, 'waiting');
    release();
    await answered;
    assert.equal(put, 'answered 200');
    assert.deepEqual(feed.changes, [
      { keys: ['bk-1'], data: { 'bk-1': 11 } },
      { keys: ['bk-1'], data: { 'bk-1': 5 } },
    ]);
    assert.equal(feed.lost, 0);
  });
});
