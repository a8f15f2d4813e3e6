// Where the hold rules look open holds up: by book (the queue), by member, and the ready
// ones by the barcode set aside. Built from the store at start, then kept by its write
// listener, like the loan index (loan-index.ts).
import { IdSets } from './id-sets.js';
import type { HoldRecord, LoansStore } from './store.js';

export class HoldIndex {
  private readonly byBook = new IdSets();
  private readonly byMember = new IdSets();
  private readonly readyByBarcode = new Map<string, string>();

  constructor(private readonly store: LoansStore) {
    for (const hold of store.values('holds')) this.add(hold);
    store.onWrite((collection, _id, before, after) => {
      if (collection !== 'holds') return;
      if (before) this.remove(before as HoldRecord);
      if (after) this.add(after as HoldRecord);
    });
  }

  /** A book's open holds, first in line first. */
  ofBook(bookId: string): HoldRecord[] {
    return this.records(this.byBook.get(bookId)).sort((a, b) => a.seq - b.seq);
  }

  ofMember(username: string): HoldRecord[] {
    return this.records(this.byMember.get(username));
  }

  /** Every ready hold (copies on the hold shelf: one per copy at most). */
  ready(): HoldRecord[] {
    const out: HoldRecord[] = [];
    for (const id of this.readyByBarcode.values()) out.push(this.store.get('holds', id)!);
    return out;
  }

  /** The ready hold a copy is set aside for, if any. */
  readyFor(barcode: string): HoldRecord | undefined {
    const id = this.readyByBarcode.get(barcode);
    return id === undefined ? undefined : this.store.get('holds', id);
  }

  private add(hold: HoldRecord): void {
    this.byBook.add(hold.bookId, hold.id);
    this.byMember.add(hold.username, hold.id);
    if (hold.status === 'ready' && hold.barcode) this.readyByBarcode.set(hold.barcode, hold.id);
  }

  private remove(hold: HoldRecord): void {
    this.byBook.delete(hold.bookId, hold.id);
    this.byMember.delete(hold.username, hold.id);
    if (hold.barcode && this.readyByBarcode.get(hold.barcode) === hold.id) this.readyByBarcode.delete(hold.barcode);
  }

  private records(ids: ReadonlySet<string> | undefined): HoldRecord[] {
    if (!ids) return [];
    const out: HoldRecord[] = [];
    for (const id of ids) out.push(this.store.get('holds', id)!);
    return out;
  }
}
