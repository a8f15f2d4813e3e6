// Probes for the outage tests, each with its own check that a refused request left
// nothing behind: every request comes from a member of its own, so what it recorded (or
// did not) can be looked up afterwards one by one.
import assert from 'node:assert/strict';
import type { Reply } from '../support/http.js';
import type { LiveStack } from '../support/live-stack.js';
import { sleep } from './ledger.js';
import type { Probe } from './outage.js';

export interface CheckedProbe extends Probe {
  /** After the outage, with everything up: what each answer promised is what happened. */
  verify(): Promise<void>;
}

const ok = (reply: Reply) => reply.status >= 200 && reply.status < 300;

/** A read of `route` (as a librarian), to see an outage, or that there is none. */
export function readProbe(stack: LiveStack, name: string, route: string, needsDownstream: boolean): CheckedProbe {
  return { name, needsDownstream, send: () => stack.api('GET', route, { token: stack.librarian }), verify: async () => {} };
}

/** One write per member; afterwards `GET <listRoute>?username=` has one item for a 2xx, none otherwise. */
export function perMemberProbe(
  stack: LiveStack,
  name: string,
  request: (i: number) => { method: string; route: string; json?: unknown },
  listRoute: string,
  refusals: string[] = [],
): CheckedProbe {
  const asked = new Map<string, boolean>();
  const member = (i: number) => `${name}-${i}`;
  return {
    name,
    needsDownstream: true,
    refusals,
    async send(i) {
      const { method, route, json } = request(i);
      const reply = await stack.api(method, route, { token: await stack.member(member(i)), json });
      asked.set(member(i), ok(reply));
      return reply;
    },
    async verify() {
      for (const [username, acknowledged] of asked) {
        const { body } = await stack.api('GET', `${listRoute}?username=${username}`, { token: stack.librarian });
        assert.equal(body.total, acknowledged ? 1 : 0, `${name}: ${username} was answered ${acknowledged ? '2xx' : 'a refusal'} but has ${body.total} recorded`);
      }
    },
  };
}

/**
 * Returns of loans made beforehand, one after the other, each retried until it is done. A
 * 503 leaves a return pending: the retry, or upkeep, carries it on once inventory is back,
 * so a retry may also hear that upkeep finished it (409 loan-returned). Either way every
 * loan the probe reached ends returned; none is returned twice or left half done.
 */
export function returnProbe(stack: LiveStack, loans: { id: string; username: string }[]): CheckedProbe {
  const reached = new Set<string>();
  let next = 0;
  return {
    name: 'return',
    needsDownstream: true,
    refusals: ['loan-returned'],
    async send() {
      const loan = loans[next];
      if (!loan) throw new Error('the return probe ran out of loans; borrow more beforehand');
      reached.add(loan.id);
      const reply = await stack.api('POST', `/loans/${loan.id}/return`, { token: await stack.member(loan.username) });
      if (ok(reply) || reply.body?.type === '/problems/loan-returned') next++;
      return reply;
    },
    async verify() {
      for (const id of reached) {
        // The last one may still be pending, with upkeep on it (every 200 ms in these tests).
        let status = '';
        for (let tries = 0; tries < 50 && status !== 'returned'; tries++) {
          if (tries > 0) await sleep(100);
          status = (await stack.api('GET', `/loans/${id}`, { token: stack.librarian })).body.status;
        }
        assert.equal(status, 'returned', `loan ${id}: its return was asked for but it is ${status}`);
      }
    },
  };
}

/** One librarian setting a value again and again: afterwards it holds the last value acknowledged. */
export function lastValueProbe(
  stack: LiveStack,
  name: string,
  write: (i: number) => { method: string; route: string; json: unknown },
  read: () => Promise<unknown>,
  valueOf: (i: number) => unknown,
): CheckedProbe {
  let last: unknown;
  return {
    name,
    needsDownstream: true,
    async send(i) {
      const { method, route, json } = write(i);
      const reply = await stack.api(method, route, { token: stack.librarian, json });
      if (ok(reply)) last = valueOf(i);
      return reply;
    },
    async verify() {
      assert.notEqual(last, undefined, `${name}: no write was acknowledged`);
      assert.deepEqual(await read(), last, `${name}: a refused write changed the value, or an acknowledged one was lost`);
    },
  };
}
