import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { send } from '../../test/support/http.js';
import { movableClock } from '../../test/support/clock.js';
import { tokenFor } from '../../test/support/tokens.js';
import { fineFor } from './fine-rules.js';
import { loadPolicy } from './policy.js';
import { HISTORY_FILE } from './store.js';
import { startLoansStack, type LoansStack } from '../../test/fixtures/loans.js';

const DAY = 86_400_000;
const clock = movableClock();

describe('fineFor()', () => {
  const policy = loadPolicy(null, {});
  const due = '2026-03-01T12:00:00.000Z';
  const at = (ms: number) => new Date(Date.parse(due) + ms).toISOString();
  const day = 86_400_000;
  const cases: [string, number, number][] = [
    ['on time', 0, 0],
    ['early', -day, 0],
    ['one millisecond late: a started day', 1, 0.25],
    ['exactly one day late', day, 0.25],
    ['a day and a second late', day + 1000, 0.5],
    ['ten days late', 10 * day, 2.5],
    ['forty days late: capped at 10.00', 40 * day, 10],
    ['a year late: still capped', 365 * day, 10],
  ];
  for (const [what, late, fine] of cases) {
    it(`charges ${fine} when ${what}`, () => assert.equal(fineFor(policy, due, at(late)), fine));
  }
});

describe('fines', () => {
  let s: LoansStack;
  let alice: string;
  let librarian: string;
  const borrow = (bookId: string) => send(s.url, 'POST', '/loans', { json: { bookId }, token: alice });
  const fines = async () => (await send(s.url, 'GET', '/fines', { token: alice })).body;
  const pay = (amount: number, token = librarian) => send(s.url, 'POST', '/fines/payments', { json: { username: 'alice', amount }, token });

  before(async () => {
    alice = await tokenFor('alice');
    librarian = await tokenFor('admin', 'librarian');
    s = await startLoansStack({ copies: [1, 1, 1], clock: clock.now, env: { FINE_PER_DAY: '12', FINE_CAP: '10', BLOCK_FINE_ABOVE: '5' } });
  });
  after(async () => {
    await s.close();
  });

  it('blocks a member with an overdue loan from borrowing (422 /problems/member-blocked)', async () => {
    const first = (await borrow('bk-1')).body;
    const second = (await borrow('bk-2')).body;
    clock.advance(14 * DAY + 1000); // one second past the loan period: one started day late
    const refused = await borrow('bk-3');
    assert.equal(refused.status, 422);
    assert.equal(refused.body.type, '/problems/member-blocked');
    assert.match(refused.body.detail, /overdue/);
    const account = await fines();
    assert.deepEqual(account, { username: 'alice', charged: 0, paid: 0, balance: 0, accruing: 20, overdueLoans: 2, blocked: true });

    for (const loan of [first, second]) {
      const returned = await send(s.url, 'POST', `/loans/${loan.id}/return`, { token: alice });
      assert.equal(returned.body.fine, 10, 'one started day at 12.00 is capped at 10.00');
    }
    const csv = readFileSync(path.join(s.dir, HISTORY_FILE), 'utf8').trim().split('\n').slice(1);
    assert.deepEqual(csv.map((line) => line.split(',').at(-1)), ['10.00', '10.00']);
  });

  it('blocks a member whose unpaid fines exceed the limit, until a librarian takes a payment', async () => {
    assert.deepEqual(await fines(), { username: 'alice', charged: 20, paid: 0, balance: 20, accruing: 0, overdueLoans: 0, blocked: true });
    const refused = await borrow('bk-3');
    assert.equal(refused.status, 422);
    assert.equal(refused.body.type, '/problems/member-blocked');
    assert.match(refused.body.detail, /unpaid fines of 20\.00/);

    assert.equal((await pay(15, alice)).status, 403, 'members do not take payments');
    const over = await pay(25);
    assert.equal(over.status, 422);
    assert.equal(over.body.type, '/problems/payment-exceeds-balance');
    for (const amount of [0, -1, 1.234]) assert.equal((await pay(amount)).status, 422, String(amount));

    const paid = await pay(15);
    assert.equal(paid.status, 201);
    assert.deepEqual({ ...paid.body, id: undefined, paidAt: undefined }, { id: undefined, paidAt: undefined, username: 'alice', amount: 15, receivedBy: 'admin', balance: 5 });
    assert.equal((await fines()).blocked, false, 'a balance of 5.00 does not exceed the limit of 5.00');
    assert.equal((await borrow('bk-3')).status, 201);
  });

  it('lists for librarians who owes, and keeps members to their own account', async () => {
    const list = (await send(s.url, 'GET', '/fines', { token: librarian })).body;
    assert.deepEqual(list.items.map((a: { username: string; balance: number }) => [a.username, a.balance]), [['alice', 5]]);
    assert.equal((await send(s.url, 'GET', '/fines?username=alice', { token: librarian })).body.balance, 5);
    assert.equal((await send(s.url, 'GET', '/fines?username=bob', { token: alice })).status, 403);
  });
});
