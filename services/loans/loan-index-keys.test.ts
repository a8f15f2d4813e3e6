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

  it('finds the loan of each copy by barcode, whatever its id, as loans come, change and go', async () => {
    const index = new LoanIndex(store);
    const of = (barcode: string) => index.loanOfBarcode(barcode)?.id;
    for (const id of ['ln-7', 'ln-007', 'x-7', 'ln-12', 'ln-3']) assert.equal(of(`BC-${id}`), id);
    // Many more, so the barcode table grows and its probes collide; then most return.
    await store.change((tx) => {
      for (let n = 100; n < 3000; n++) tx.put('loans', `ln-${n}`, loan(`ln-${n}`, 'cat', 'bk-9'));
    });
    await store.change((tx) => {
      for (let n = 100; n < 3000; n++) if (n % 3 !== 0) tx.remove('loans', `ln-${n}`);
      tx.remove('loans', 'ln-7');
      tx.remove('loans', 'x-7');
      tx.put('loans', 'ln-12', { ...loan('ln-12', 'ann', 'bk-1'), barcode: 'BC-moved' }); // a copy swapped at the desk
    });
    for (let n = 100; n < 3000; n++) assert.equal(of(`BC-ln-${n}`), n % 3 === 0 ? `ln-${n}` : undefined, `ln-${n}`);
    assert.equal(of('BC-ln-7'), undefined);
    assert.equal(of('BC-x-7'), undefined);
    assert.equal(of('BC-ln-12'), undefined);
    assert.equal(of('BC-moved'), 'ln-12');
    assert.equal(of('BC-ln-007'), 'ln-007');
    // Filed again at start, from the store as it is now.
    const again = new LoanIndex(store);
    assert.equal(again.loanOfBarcode('BC-moved')?.id, 'ln-12');
    assert.equal(again.loanOfBarcode('BC-ln-2997')?.id, 'ln-2997');
    assert.equal(again.loanOfBarcode('BC-ln-2998'), undefined);
  });
});
