import assert from 'node:assert/strict';
import { freePort, listen, send, type Running } from '../../test/support/http.js';
import { assertValidDocument, Conformance, KERNEL_CALLS } from '../../test/support/openapi.js';
import { SERVICE_NAMES, type ServiceName } from '../shared/config.js';
import { startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';
import { startShop, type Shop } from '../../test/fixtures/orders.js';
import { startUsers, type UsersUnderTest } from '../../test/fixtures/users.js';
import { startRoom, type RoomFixture } from '../../test/fixtures/availability.js';
import { createApp } from './app.js';

const silent = () => {};
const gatewayOver = (urls: Record<ServiceName, string>) =>
  listen(createApp({ urls, selfUrl: 'http://gw', log: silent, logRequests: false, upstreamTimeoutMs: 2000 }));

// Every service's real app, in-process: the loans stack brings catalog and inventory.
describe('gateway: GET /openapi.json', () => {
  let loans: LoansStack;
  let users: UsersUnderTest;
  let shop: Shop;
  let room: RoomFixture;
  let gateway: Running;
  let urls: Record<ServiceName, string>;
  let api: Conformance;

  before(async () => {
    [loans, users, shop, room] = await Promise.all([startLoansStack(), startUsers(), startShop(), startRoom()]);
    urls = { catalog: loans.catalogUrl, inventory: loans.inventory.url, loans: loans.url, users: users.url, orders: shop.url, availability: room.url };
    gateway = await gatewayOver(urls);
    api = await Conformance.fetch(gateway.url);
  });
  after(async () => {
    await gateway.close();
    await Promise.all([loans.close(), users.close(), shop.close(), room.close()]);
  });

  it('is an OpenAPI 3.1 document, served without a token', () => assertValidDocument(api.doc));

  for (const call of KERNEL_CALLS) it(`${call.method} ${call.path} answers 200 as documented`, () => api.call(call));

  it('answers GET /health with a service down as documented (503)', async () => {
    const closed = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (name) => [name, `http://127.0.0.1:${await freePort()}`])));
    const lonely = await gatewayOver(closed);
    try {
      await api.at(lonely.url).call({ method: 'GET', path: '/health', status: 503 });
    } finally {
      await lonely.close();
    }
  });

  it('links to each service\'s own document, which that service serves', async () => {
    const links = Object.fromEntries(api.doc.tags.map((tag: { name: string; externalDocs: { url: string } }) => [tag.name, tag.externalDocs.url]));
    assert.deepEqual(Object.keys(links).sort(), [...SERVICE_NAMES].sort());
    for (const name of SERVICE_NAMES) {
      assert.equal(links[name], `${urls[name]}/openapi.json`);
      const reply = await send(urls[name], 'GET', '/openapi.json');
      assert.equal(reply.status, 200, name);
      assert.equal(reply.body.info.title, `Library ${name} service`);
    }
  });

  it('called every documented operation with success', () => api.assertEveryOperationSucceeded());
});
