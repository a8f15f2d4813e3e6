import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testTokens } from '../../test/support/tokens.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { InventoryClient } from './inventory-client.js';

describe('InventoryClient confirm-many', () => {
  let server: http.Server;
  let client: InventoryClient;
  /** What the stand-in inventory answers, as { results }. */
  let answer: unknown[] = [];

  before(async () => {
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: answer })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new InventoryClient(new ServiceClient('inventory', url, 2000, testTokens.serviceToken('loans')));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const take = (operationId: string) => ({ operationId, take: { operationId, state: 'confirmed' } });

  it('gives each id asked its own answer, and none for an answer out of place or missing', async () => {
    answer = [take('a'), take('c'), take('b')];
    for (const confirm of [client.confirmCopies.bind(client), client.confirmStocks.bind(client)]) {
      const results = await confirm(['a', 'b', 'c', 'd']);
      assert.deepEqual(results.map((r) => r?.operationId), ['a', undefined, undefined, undefined]);
    }
  });
});
