// Where the rules look open loans up, so that a borrow, a return, a member's list or a
// librarian's page costs the same with 50,000 loans open as with 5. Built once from the
// store at start and then kept by the store's write listener (store.onWrite), so it can
// never disagree with the records: every change, whoever makes it, passes through it.
//   - open loans by member, by book and by barcode; intents (borrows under way) by member;
//   - every open loan by id (newest first pages), and the overdue ones by id: loans wait in
//     due order until the clock passes their due time, then move to the overdue set;
//   - the members whose account owes something;
//   - the loans upkeep must look at (take unconfirmed, return under way), so its round
//     costs what is unsettled, not what is open.
import type { LoansStore, OpenLoan, Intent, Account } from './store.js';
import { IdSets, NumberLists } from './id-sets.js';
import { SortedNumbers } from './sorted-numbers.js';
import { DueQueue } from './due-queue.js';
import { KeyedNumbers } from './keyed-numbers.js';
import { idNumber } from './views.js';

export class LoanIndex {
  /**
   * A member's and a book's open loans by id number ("ln-17" → 17): a bare number or a
   * short array each, where a Set of id strings took about 200 bytes per member or book.
   * An id not of that form (none is written by this service) is filed by itself in odd*.
   */
  private readonly byMember = new NumberLists();
  private readonly byBook = new NumberLists();
  private readonly oddByMember = new IdSets();
  private readonly oddByBook = new IdSets();
  /** An open loan's id number by its copy's barcode (keyed-numbers.ts: no Map entry per loan). */
  private readonly byBarcode: KeyedNumbers;
  private readonly oddByBarcode = new Map<string, string>();
  private readonly intentsByMember = new IdSets();
  private readonly owing = new Set<string>();
  /** Loans upkeep has to finish: the take unconfirmed, or a return under way. */
  private readonly unsettledIds = new Set<string>();
  /** Id numbers of every open loan. */
  private readonly open: SortedNumbers;
  /** Id numbers of open loans known to be overdue at `asOf`. */
  private readonly overdue = new SortedNumbers();
  /** Open loans not yet overdue at `asOf`, soonest due first. */
  private waiting: DueQueue;
  private asOf = -Infinity;
  /** Told of each loan as the clock makes it overdue (the fines report redoes its member). */
  private readonly overdueListeners: ((loan: OpenLoan) => void)[] = [];

  constructor(private readonly store: LoansStore) {
    // At start the loans are sorted once (ids, due times); inserting 50,000 one by one into
    // sorted arrays moved elements on every insert.
    const ids: number[] = [];
    const dues: number[] = [];
    this.byBarcode = new KeyedNumbers((n) => this.numbered(n)?.barcode, store.count('loans'));
    for (const loan of store.values('loans')) {
      const n = idNumber(loan.id);
      this.keyLoan(loan, n, true);
      ids.push(n);
      dues.push(Date.parse(loan.dueAt));
    }
    this.byMember.sortAll();
    this.byBook.sortAll();
    this.open = new SortedNumbers(ids);
    this.waiting = new DueQueue(dues, ids);
    for (const intent of store.values('intents')) this.addIntent(intent);
    for (const account of store.values('accounts')) if (owes(account)) this.owing.add(account.username);
    store.onWrite((collection, _id, before, after) => {
      if (collection === 'loans') {
        if (before) this.removeLoan(before as OpenLoan);
        if (after) this.addLoan(after as OpenLoan);
      } else if (collection === 'intents') {
        if (before) this.removeIntent(before as Intent);
        if (after) this.addIntent(after as Intent);
      } else if (collection === 'accounts') {
        const account = (after ?? before) as Account;
        if (after && owes(after as Account)) this.owing.add(account.username);
        else this.owing.delete(account.username);
      }
    });
  }

  /** Calls `listener` with each loan the clock makes overdue from now on (when the index is asked at a later time). */
  onOverdue(listener: (loan: OpenLoan) => void): void {
    this.overdueListeners.push(listener);
  }

  /** A member's open loans (a handful: the policy caps them). */
  loansOf(username: string): OpenLoan[] {
    return this.records(this.byMember.get(username), this.oddByMember.get(username));
  }

  loansOfBook(bookId: string): OpenLoan[] {
    return this.records(this.byBook.get(bookId), this.oddByBook.get(bookId));
  }

  loanOfBarcode(barcode: string): OpenLoan | undefined {
    const n = this.byBarcode.get(barcode);
    if (n !== undefined) return this.numbered(n);
    const id = this.oddByBarcode.get(barcode);
    return id === undefined ? undefined : this.store.get('loans', id);
  }

  intentsOf(username: string): Intent[] {
    const ids = this.intentsByMember.get(username);
    if (!ids) return [];
    return [...ids].map((id) => this.store.get('intents', id)!).filter(Boolean);
  }

  /** Open loans whose take is unconfirmed or whose return is under way. */
  unsettled(): OpenLoan[] {
    return this.records([], this.unsettledIds);
  }

  /** Members whose fines charged exceed what they paid. */
  owingMembers(): ReadonlySet<string> {
    return this.owing;
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Open loans, newest first. */
  openPage(offset: number, limit: number): OpenLoan[] {
    return this.open.descending(offset, limit).map((n) => this.numbered(n)!);
  }

  /** Every open loan id number, ascending (for merging with the history). */
  openNumbers(): readonly number[] {
    return this.open.values();
  }

  overdueCount(now: number): number {
    this.advance(now);
    return this.overdue.size;
  }

  /** Overdue loans at `now`, newest first. */
  overduePage(now: number, offset: number, limit: number): OpenLoan[] {
    this.advance(now);
    return this.overdue.descending(offset, limit).map((n) => this.numbered(n)!);
  }

  /** Id numbers of the loans overdue at `now`, ascending. */
  overdueNumbers(now: number): readonly number[] {
    this.advance(now);
    return this.overdue.values();
  }

  /** Every loan overdue at `now` (a librarian's fines report walks them). */
  overdueLoans(now: number): OpenLoan[] {
    return this.overduePage(now, 0, Infinity);
  }

  /** Moves the loans whose due time `now` has passed into the overdue set. */
  private advance(now: number): void {
    if (now < this.asOf) {
      // The clock went back: everything overdue waits again, in due order.
      const [dues, ns] = this.waiting.entries();
      const back = this.overdue.values();
      this.waiting = new DueQueue([...dues, ...back.map((n) => Date.parse(this.numbered(n)!.dueAt))], [...ns, ...back]);
      for (const n of [...back]) this.overdue.delete(n);
    }
    this.asOf = now;
    for (const n of this.waiting.takeBefore(now)) {
      this.overdue.add(n);
      if (this.overdueListeners.length > 0) {
        const loan = this.numbered(n)!;
        for (const listener of this.overdueListeners) listener(loan);
      }
    }
  }

  private addLoan(loan: OpenLoan): void {
    const n = idNumber(loan.id);
    this.keyLoan(loan, n);
    this.open.add(n);
    const due = Date.parse(loan.dueAt);
    if (due < this.asOf) this.overdue.add(n);
    else this.waiting.insert(due, n);
  }

  /**
   * The loan under its member, book, barcode and (if unsettled) in upkeep's set. At start
   * (`filling`) the member's and book's lists are appended to and sorted once after.
   */
  private keyLoan(loan: OpenLoan, n: number, filling = false): void {
    if (!isPlain(loan.id, n)) {
      this.oddByMember.add(loan.username, loan.id);
      this.oddByBook.add(loan.bookId, loan.id);
    } else if (filling) {
      this.byMember.append(loan.username, n);
      this.byBook.append(loan.bookId, n);
    } else {
      this.byMember.add(loan.username, n);
      this.byBook.add(loan.bookId, n);
    }
    // One loan per barcode, the last filed (as one Map of both would keep it).
    if (fitsInt32(loan.id, n)) {
      this.byBarcode.set(loan.barcode, n);
      this.oddByBarcode.delete(loan.barcode);
    } else {
      this.oddByBarcode.set(loan.barcode, loan.id);
      const plain = this.byBarcode.get(loan.barcode);
      if (plain !== undefined) this.byBarcode.delete(loan.barcode, plain);
    }
    if (!loan.confirmed || loan.returning) this.unsettledIds.add(loan.id);
  }

  private removeLoan(loan: OpenLoan): void {
    const n = idNumber(loan.id);
    if (!isPlain(loan.id, n)) {
      this.oddByMember.delete(loan.username, loan.id);
      this.oddByBook.delete(loan.bookId, loan.id);
    } else {
      this.byMember.delete(loan.username, n);
      this.byBook.delete(loan.bookId, n);
    }
    if (fitsInt32(loan.id, n)) this.byBarcode.delete(loan.barcode, n);
    else if (this.oddByBarcode.get(loan.barcode) === loan.id) this.oddByBarcode.delete(loan.barcode);
    this.unsettledIds.delete(loan.id);
    this.open.delete(n);
    if (!this.overdue.delete(n)) this.waiting.remove(Date.parse(loan.dueAt), n);
  }

  private addIntent(intent: Intent): void {
    this.intentsByMember.add(intent.username, intent.operationId);
  }

  private removeIntent(intent: Intent): void {
    this.intentsByMember.delete(intent.username, intent.operationId);
  }

  /** The open loan with id number `n` ("ln-<n>", as the id-number indexes file it). */
  private numbered(n: number): OpenLoan | undefined {
    return this.store.get('loans', `ln-${n}`);
  }

  /** The loans with id numbers `ns` ("ln-<n>"), then those with ids `odd`. */
  private records(ns: readonly number[], odd: ReadonlySet<string> | undefined): OpenLoan[] {
    const out: OpenLoan[] = [];
    for (const n of ns) out.push(this.numbered(n)!);
    if (odd) for (const id of odd) out.push(this.store.get('loans', id)!);
    return out;
  }
}

/** Whether `id` is "ln-<n>" as this service writes ids (ln-17, not ln-017 or x-17), n being its idNumber(). */
function isPlain(id: string, n: number): boolean {
  return id === `ln-${n}`;
}

/** Whether the barcode table can file the loan by its id number ("ln-<n>", n a positive int32). */
function fitsInt32(id: string, n: number): boolean {
  return isPlain(id, n) && n >= 1 && n <= 0x7fffffff;
}

function owes(account: Account): boolean {
  return account.charged > account.paid;
}
