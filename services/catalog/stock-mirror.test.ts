// The mirror against a feed whose snapshot comes in several parts, with stock changes
// published between them, as inventory's are while a snapshot is being sent.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { createServiceApp } from '../shared/create-service-app.js';
import { ChangeFeed } from '../shared/http/change-feed.js';
import { testTokens } from '../../test/support/tokens.js';
import { StockMirror } from './stock-mirror.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; !probe(); i++) {
    if (i >= tries) throw new Error('condition not met in time');
    await sleep(25);
  }
}

describe('StockMirror', () => {
  const stock = new Map<string, number>();
  let feed: ChangeFeed;
  let server: http.Server;
  let mirror: StockMirror | undefined;
  /** Called as each part after the first is read: what "happens" while the snapshot is sent. */
  let meanwhile: (part: number) => void = () => {};

  /** Parts of three books, each read from `stock` as it is sent. */
  function* parts(): Iterator<Record<string, number>> {
    let part: Record<string, number> = {};
    let n = 0;
    for (const [id, units] of stock) {
      if (n > 0 && n % 3 === 0) {
        yield part;
        meanwhile(n / 3);
        part = {};
      }
      part[id] = stock.get(id) ?? units;
      n++;
    }
    yield part;
  }

  /** A stock write as inventory makes one: the state first, then the change on the feed. */
  const write = (id: string, units: number) => {
    stock.set(id, units);
    void feed.publish([id], { [id]: units });
  };

  beforeEach(async () => {
    stock.clear();
    for (let n = 1; n <= 10; n++) stock.set(`bk-${n}`, n);
    meanwhile = () => {};
    feed = new ChangeFeed({ snapshot: parts });
    const app = createServiceApp({ service: 'inventory', tokens: testTokens, log: () => {}, logRequests: false, routers: [], middleware: [feed.middleware()] });
    server = http.createServer(app.callback()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterEach(async () => {
    mirror?.stop();
    feed.close();
    await new Promise((resolve) => server.close(resolve));
  });

  function start(): StockMirror {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mirror = new StockMirror({ inventoryUrl: url, token: testTokens.serviceToken('catalog'), relay: async () => {} });
    mirror.start();
    return mirror;
  }

  it('holds every book of a snapshot sent in several parts, and is used only once all have come', async () => {
    let sent = 0;
    meanwhile = (part) => (sent = part);
    const m = start();
    await until(() => m.live);
    assert.equal(sent, 3, 'the snapshot came in four parts');
    for (let n = 1; n <= 10; n++) assert.equal(m.stockOf(`bk-${n}`), n, `bk-${n}`);
    assert.equal(m.stockOf('bk-11'), 0);
  });

  it('loses no change published while the snapshot is sent, before or after the part of its book', async () => {
    meanwhile = (part) => {
      if (part !== 2) return;
      write('bk-2', 20); // its part has gone: only the change frame tells
      write('bk-9', 90); // its part is still to come, and is read after the write
      write('bk-11', 5); // a new book
    };
    const m = start();
    await until(() => m.live);
    write('bk-10', 0);
    await until(() => m.stockOf('bk-10') === 0);
    const expected: Record<string, number> = { 'bk-2': 20, 'bk-9': 90, 'bk-11': 5, 'bk-10': 0 };
    for (let n = 1; n <= 11; n++) assert.equal(m.stockOf(`bk-${n}`), expected[`bk-${n}`] ?? n, `bk-${n}`);
  });
});
