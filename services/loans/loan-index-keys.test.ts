// The loan index files loans by id number ("ln-17" → 17); an id of any other form (ln-007,
// x-17: this service writes none, a hand-edited file might) is filed as itself, so two ids
// sharing a number stay two loans. Asked directly, at start and after changes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDataDir } from '../../test/support/http.js';
import { LoanIndex } from './loan-index.js';
import { openLoansStore, type LoansStore, type OpenLoan } from './store.js';

describe('LoanIndex by member and by book', () => {
  let store: LoansStore;
  const loan = (id: string, username: string, bookId: string): OpenLoan => ({
    id, username, bookId, barcode: `BC-${id}`, borrowedAt: '2026-06-01T00:00:00.000Z', dueAt: '2026-06-10T00:00:00.000Z', renewals: 0, operationId: `op-${id}`, confirmed: true,
  });
  const ids = (loans: OpenLoan[]) => loans.map((l) => l.id).sort();

  beforeEach(async () => {
    store = await openLoansStore(path.join(tempDataDir('loan-index-keys-'), 'loans'));
    await store.change((tx) => {
      for (const l of [loan('ln-7', 'ann', 'bk-1'), loan('ln-007', 'ann', 'bk-2'), loan('x-7', 'bob', 'bk-1'), loan('ln-12', 'ann', 'bk-1'), loan('ln-3', 'bob', 'bk-2')]) {
        tx.put('loans', l.id, l);
      }
    });
  });
  afterEach(() => store.close());

  it('keeps ids that share a number apart, at start and as loans come and go', async () => {
    const index = new LoanIndex(store);
    assert.deepEqual(ids(index.loansOf('ann')), ['ln-007', 'ln-12', 'ln-7']);
    assert.deepEqual(ids(index.loansOf('bob')), ['ln-3', 'x-7']);
    assert.deepEqual(ids(index.loansOfBook('bk-1')), ['ln-12', 'ln-7', 'x-7']);
    assert.deepEqual(ids(index.loansOfBook('bk-2')), ['ln-007', 'ln-3']);
    await store.change((tx) => {
      tx.remove('loans', 'ln-7');
      tx.remove('loans', 'x-7');
      tx.put('loans', 'ln-20', loan('ln-20', 'bob', 'bk-3'));
      tx.put('loans', 'y-20', loan('y-20', 'ann', 'bk-3'));
    });
    assert.deepEqual(ids(index.loansOf('ann')), ['ln-007', 'ln-12', 'y-20']);
    assert.deepEqual(ids(index.loansOf('bob')), ['ln-20', 'ln-3']);
    assert.deepEqual(ids(index.loansOfBook('bk-1')), ['ln-12']);
    assert.deepEqual(ids(index.loansOfBook('bk-3')), ['ln-20', 'y-20']);
    assert.deepEqual(index.loansOf('nobody'), []);
  });

});
