// A return's last two writes, the loan's close (loans.journal) and its row
// (loan_history.csv), go to disk side by side, so a kill -9 may land with either one on
// disk and not the other. Each test makes that state exactly (a real return, then the files
// cut back to what such a crash leaves) and starts loans on it with inventory unreachable:
// the loan ends closed, with one row, and nothing is asked of inventory.
import assert from 'node:assert/strict';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { send } from '../../test/support/http.js';
import { systemClock } from '../shared/clock.js';
import { tokenFor } from '../../test/support/tokens.js';
import { openLoansAlone, startLoansStack } from '../../test/fixtures/loans.js';
import { HISTORY_FILE, STORE_NAME } from './store.js';

interface Crashed {
  dir: string;
  id: string;
}

const journalOf = (dir: string) => path.join(dir, `${STORE_NAME}.journal`);
const historyOf = (dir: string) => path.join(dir, HISTORY_FILE);
const rowsOf = (dir: string, id: string) =>
  readFileSync(historyOf(dir), 'utf8')
    .split('\n')
    .filter((row) => row.startsWith(`${id},`));

/** Borrows and returns bk-1 through a real stack, then stops it: every write is on disk. */
async function returnedLoan(): Promise<Crashed> {
  const stack = await startLoansStack();
  try {
    const alice = await tokenFor('alice');
    const borrowed = await send(stack.url, 'POST', '/loans', { token: alice, json: { bookId: 'bk-1' } });
    assert.equal(borrowed.status, 201);
    const returned = await send(stack.url, 'POST', `/loans/${borrowed.body.id}/return`, { token: alice });
    assert.equal(returned.status, 200, JSON.stringify(returned.body));
    return { dir: stack.dir, id: borrowed.body.id };
  } finally {
    await stack.close();
  }
}

/** Cuts loans.journal just before the first line with an op on `returned` matching `which`. */
function cutJournalAt(dir: string, id: string, which: 'put' | 'remove'): void {
  const text = readFileSync(journalOf(dir), 'utf8');
  let at = 0;
  for (const line of text.split('\n')) {
    const ops = line ? (JSON.parse(line) as { c?: string; k?: string; d?: 1 }[]) : [];
    if (ops.some((op) => op.c === 'returned' && op.k === id && (which === 'remove') === (op.d === 1))) {
      truncateSync(journalOf(dir), at);
      return;
    }
    at += Buffer.byteLength(line) + 1;
  }
  assert.fail(`no journal line ${which}s ${id} in returned`);
}

describe('a crash between a return’s close and its history row', function () {
  this.timeout(20_000);

  it('the row on disk, the close not: start-up closes the loan without inventory, and writes no second row', async () => {
    const { dir, id } = await returnedLoan();
    cutJournalAt(dir, id, 'put');
    const parts = await openLoansAlone(dir, systemClock);
    try {
      assert.equal(parts.store.get('loans', id), undefined, 'the loan is still open after start-up');
      assert.equal(parts.loans.get({ username: 'alice', role: 'member' }, id).status, 'returned');
      await parts.upkeep.retry();
      assert.equal(rowsOf(dir, id).length, 1);
    } finally {
      await parts.close();
    }
    // And the next start finds nothing more to do.
    const again = await openLoansAlone(dir, systemClock);
    await again.close();
    assert.equal(rowsOf(dir, id).length, 1);
  });

  it('the row and the close on disk, the drop of the returned loan from the store not: start-up drops it, and writes no second row', async () => {
    const { dir, id } = await returnedLoan();
    cutJournalAt(dir, id, 'remove');
    const parts = await openLoansAlone(dir, systemClock);
    try {
      assert.equal(parts.store.get('returned', id), undefined, 'the store still keeps a loan the history has');
      assert.equal(parts.loans.get({ username: 'alice', role: 'member' }, id).status, 'returned');
    } finally {
      await parts.close();
    }
    assert.equal(rowsOf(dir, id).length, 1);
  });

  it('the close on disk, the row not: start-up appends the row once', async () => {
    const { dir, id } = await returnedLoan();
    cutJournalAt(dir, id, 'remove');
    const rows = readFileSync(historyOf(dir), 'utf8').split('\n');
    writeFileSync(historyOf(dir), rows.filter((row) => !row.startsWith(`${id},`)).join('\n'));
    assert.equal(rowsOf(dir, id).length, 0);
    const parts = await openLoansAlone(dir, systemClock);
    try {
      assert.equal(parts.loans.get({ username: 'alice', role: 'member' }, id).status, 'returned');
      assert.equal(parts.store.get('returned', id), undefined, 'the store still keeps a loan the history has');
    } finally {
      await parts.close();
    }
    assert.equal(rowsOf(dir, id).length, 1);
  });
});
