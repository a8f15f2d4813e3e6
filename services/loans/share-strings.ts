// Loans' records as the store reads them at start: member names, book ids and hold statuses
// pointed at one string each (see shared/store/string-pool.ts), each record's id at its map
// key. At a large library 50,000 open loans and 20,000 closed holds repeat 20,000 names and
// 10,000 book ids; JSON.parse gives each field its own copy. Runs as the store's `prepare`
// hook, before a record is kept (and frozen in tests): stored records never change after.
import { stringPool } from '../shared/store/string-pool.js';
import type { Account, HoldRecord, OpenLoan } from './store.js';

/** A `prepare` hook for one start, and `done()` to let its pool go once the files are read. */
export function stringSharer(): { prepare: (collection: string, id: string, record: object) => void; done: () => void } {
  let shared: ((text: string) => string) | null = stringPool();
  const prepare = (collection: string, id: string, record: object) => {
    if (!shared) return;
    if (collection === 'loans' || collection === 'returned') {
      const loan = record as OpenLoan;
      if (loan.id === id) loan.id = id;
      loan.username = shared(loan.username);
      loan.bookId = shared(loan.bookId);
    } else if (collection === 'holds' || collection === 'closedHolds') {
      const hold = record as HoldRecord;
      if (hold.id === id) hold.id = id;
      hold.username = shared(hold.username);
      hold.bookId = shared(hold.bookId);
      hold.status = shared(hold.status) as HoldRecord['status'];
    } else if (collection === 'accounts') {
      const account = record as Account;
      if (account.username === id) account.username = shared(id);
    }
  };
  return { prepare, done: () => (shared = null) };
}
