// Registrations, and members changing their own name. Afterwards each acknowledged
// member is there, with the name last acknowledged (or one sent after it whose answer
// was lost), and can still log in with the password it registered with.
import assert from 'node:assert/strict';
import { send } from '../support/http.js';
import type { LiveStack } from '../support/live-stack.js';
import type { Workload } from './churn.js';
import { LastWrites, pick, token } from './ledger.js';
import { attempt, type Tally } from './outcome.js';

const PASSWORD = 'correct horse battery';

export function usersWorkload(stack: LiveStack, tally: Tally, workers = 3): Workload {
  const registered: string[] = [];
  const mine = Array.from({ length: workers }, () => [] as string[]);
  const names = new LastWrites<string>();
  const run = Date.now().toString(36);
  let seq = 0;
  return {
    name: 'users',
    workers,
    async step(worker) {
      const n = seq++;
      if (mine[worker].length < 2 || n % 2 === 0) {
        const username = `m${run}-${n}`;
        const json = { username, password: PASSWORD, name: `Member ${n}`, email: `${username}@example.org` };
        const outcome = await attempt(stack, tally, 'POST', '/register', { json });
        if (outcome.kind !== 'ok') return;
        registered.push(username);
        mine[worker].push(username);
        names.acked(username, json.name);
        return;
      }
      const username = pick(mine[worker]);
      const name = `Renamed ${n}`;
      const outcome = await attempt(stack, tally, 'PATCH', `/users/${username}`, { token: await token(username), json: { name } });
      if (outcome.kind === 'ok') names.acked(username, name);
      else names.unknown(username, name);
    },
    async verify() {
      assert.ok(registered.length >= 20, `only ${registered.length} registrations were acknowledged`);
      for (const username of registered) {
        const reply = await stack.api('GET', `/users/${username}`, { token: stack.librarian });
        assert.equal(reply.status, 200, `acknowledged member ${username}: ${JSON.stringify(reply.body)}`);
      }
      for (const [username, allowed] of names.expectations()) {
        const { body } = await stack.api('GET', `/users/${username}`, { token: stack.librarian });
        assert.ok(allowed.includes(body.name), `${username} is named "${body.name}", expected one of ${JSON.stringify(allowed)}`);
      }
      // The password hash survived the crashes too: straight to users, past the gateway's login limit.
      for (const username of [registered[0], registered[registered.length - 1]]) {
        const login = await send(stack.url('users'), 'POST', '/login', { json: { username, password: PASSWORD } });
        assert.equal(login.status, 200, `${username} cannot log in: ${JSON.stringify(login.body)}`);
      }
    },
  };
}
