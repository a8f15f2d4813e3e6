import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAccounts, type UsersUnderTest } from '../../test/fixtures/users.js';
import { listen, send, type Running } from '../../test/support/http.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createServiceApp } from '../shared/create-service-app.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { Problem } from '../shared/problem.js';
import { UsersClient } from './users-client.js';

const clientOf = (url: string) => new UsersClient(new ServiceClient('users', url, 2000, testTokens.serviceToken('loans')));

/** A service frame with no routes of its own: what answers at USERS_URL when that is not users. */
const notUsers = () => listen(createServiceApp({ service: 'catalog', tokens: testTokens, log: () => {}, logRequests: false, routers: [] }));

/** A bare server answering every request 404 in plain text (a proxy, or a port that is something else). */
async function plain404(): Promise<Running> {
  const server = http.createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A librarian token for `username` sent to a service frame whose tokens are checked with users at `usersUrl`. */
async function askedWithToken(usersUrl: string, username: string) {
  const app = await listen(
    createServiceApp({ service: 'loans', tokens: testTokens, log: () => {}, logRequests: false, routers: [], accounts: clientOf(usersUrl).lookup() }),
  );
  try {
    return await send(app.url, 'GET', '/loans', { token: await tokenFor(username, 'librarian') });
  } finally {
    await app.close();
  }
}

describe('UsersClient.account()', () => {
  let users: UsersUnderTest;
  before(async () => (users = await startAccounts({ lib: 'librarian' })));
  after(() => users.close());

  it('reads the facts of an account users holds', async () => {
    assert.deepEqual(await clientOf(users.url).account('lib'), { username: 'lib', role: 'librarian', active: true, tokenVersion: 0 });
  });

  it("answers null for users' own 404 /problems/user-not-found", async () => {
    assert.equal(await clientOf(users.url).account('ghost'), null);
  });

  for (const [kind, start] of [
    ['a service without the route (404 /problems/not-found)', notUsers],
    ['a plain-text 404', plain404],
  ] as const) {
    it(`fails as users unavailable (503), never "no account", on ${kind}`, async () => {
      const other = await start();
      try {
        await assert.rejects(clientOf(other.url).account('lib'), (error: unknown) => error instanceof Problem && error.status === 503 && error.code === 'service-unavailable');
      } finally {
        await other.close();
      }
    });
  }

  it('answers null, without asking users, for a name users would refuse (so a token naming one is revoked, 401)', async () => {
    assert.equal(await clientOf('http://127.0.0.1:9').account('Not A Name!'), null);
    const reply = await askedWithToken(users.url, 'Not A Name!');
    assert.equal(reply.status, 401, JSON.stringify(reply.body));
    assert.equal(reply.body.type, '/problems/token-revoked');
  });

  it('does not revoke a valid token when USERS_URL answers a 404 that is not about the account', async () => {
    const other = await notUsers();
    try {
      const reply = await askedWithToken(other.url, 'lib');
      assert.equal(reply.status, 503, JSON.stringify(reply.body));
      assert.equal(reply.body.type, '/problems/service-unavailable');
    } finally {
      await other.close();
    }
  });
});
