// Borrow, renew and return by members in turn. Afterwards each acknowledged loan is
// there with its copy, each acknowledged renewal counted, each acknowledged return closed
// and in loan_history.csv, once.
import assert from 'node:assert/strict';
import path from 'node:path';
import { readCsvRows } from '../support/data-files.js';
import type { LiveStack } from '../support/live-stack.js';
import type { Workload } from './churn.js';
import { pick } from './ledger.js';
import { attempt, type Tally } from './outcome.js';

/** Books lent in the churn, each given extra copies first so borrows rarely find none. */
export const LENDING_BOOKS = ['bk-10', 'bk-11', 'bk-12', 'bk-13', 'bk-14', 'bk-15'];
const BORROW_REFUSALS = ['no-copy-available', 'already-borrowed', 'loan-limit-reached'];

interface Loan {
  id: string;
  barcode: string;
  username: string;
  renewsAcked: number;
  renewsTried: number;
  returned: 'no' | 'acked' | 'unknown';
}

export function loansWorkload(stack: LiveStack, tally: Tally, workers = 3): Workload {
  const loans: Loan[] = [];
  // Each worker is one member at a time; after a lost answer it becomes a new member, so
  // a loan it cannot know about never counts against the cap it then borrows under.
  const members = Array.from({ length: workers }, (_, w) => ({ name: `reader${w}-0`, generation: 0, holding: [] as Loan[] }));
  const renew = async (loan: Loan) => {
    const outcome = await attempt(stack, tally, 'POST', `/loans/${loan.id}/renew`, { token: await stack.member(loan.username) });
    if (outcome.kind === 'ok') loan.renewsAcked++;
    else loan.renewsTried++;
  };
  const giveBack = async (loan: Loan) => {
    const outcome = await attempt(stack, tally, 'POST', `/loans/${loan.id}/return`, { token: await stack.member(loan.username) });
    loan.returned = outcome.kind === 'ok' ? 'acked' : 'unknown';
  };
  return {
    name: 'loans',
    workers,
    async prepare() {
      for (const bookId of LENDING_BOOKS) {
        const reply = await stack.api('POST', `/inventory/${bookId}/copies`, { token: stack.librarian, json: { count: 20 } });
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
      }
    },
    async step(worker) {
      const member = members[worker];
      if (member.holding.length >= 2) {
        const loan = member.holding.shift()!;
        if (Math.random() < 0.5) await renew(loan);
        await giveBack(loan);
        return;
      }
      const outcome = await attempt(stack, tally, 'POST', '/loans', { token: await stack.member(member.name), json: { bookId: pick(LENDING_BOOKS) } }, BORROW_REFUSALS);
      if (outcome.kind === 'ok') {
        const { id, barcode } = outcome.reply.body;
        const loan: Loan = { id, barcode, username: member.name, renewsAcked: 0, renewsTried: 0, returned: 'no' };
        loans.push(loan);
        member.holding.push(loan);
      } else if (outcome.kind === 'unknown' || outcome.reply.body.type === '/problems/loan-limit-reached') {
        member.generation++;
        member.name = `reader${worker}-${member.generation}`;
        member.holding = [];
      }
    },
    async verify() {
      assert.ok(loans.length >= 20, `only ${loans.length} loans were acknowledged`);
      const rows = readCsvRows(path.join(stack.dataDir, 'loans', 'loan_history.csv')).map((row) => row.loan_id);
      const history = new Set(rows);
      assert.equal(history.size, rows.length, 'a loan appears twice in loan_history.csv');
      for (const loan of loans) {
        const reply = await stack.api('GET', `/loans/${loan.id}`, { token: stack.librarian });
        assert.equal(reply.status, 200, `acknowledged loan ${loan.id}: ${JSON.stringify(reply.body)}`);
        assert.equal(reply.body.barcode, loan.barcode, loan.id);
        assert.equal(reply.body.username, loan.username, loan.id);
        const { renewals, status } = reply.body;
        assert.ok(renewals >= loan.renewsAcked && renewals <= loan.renewsAcked + loan.renewsTried, `${loan.id}: ${renewals} renewals, ${loan.renewsAcked} acknowledged`);
        if (loan.returned === 'acked') {
          assert.equal(status, 'returned', `${loan.id} was returned (acknowledged) but is ${status}`);
          assert.ok(history.has(loan.id), `returned loan ${loan.id} is not in loan_history.csv`);
        }
        if (loan.returned === 'no') assert.equal(status, 'active', `${loan.id} was never returned but is ${status}`);
      }
    },
  };
}
