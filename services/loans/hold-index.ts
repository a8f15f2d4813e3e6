// Where the hold rules and GET /holds look holds up. Built from the store at start, then
// kept by its write listener, like the loan index (loan-index.ts), so it cannot drift from
// the records whoever writes them.
//   - open holds by book, by member, and the ready ones by the barcode set aside;
//   - the waiting ones per book in queue (seq) order: a position is a binary search;
//   - every hold, open or closed, by seq: all of them, and by member, by book and by
//     status, so a page of GET /holds reads only the records it answers with, however
//     many holds were ever placed.
// A hold's seq comes from tx.nextSeq('hold'), so it is unique and names the hold here.
import { IdSets, NumberLists } from './id-sets.js';
import { lowerBound } from '../shared/sorted-list.js';
import { SortedNumbers } from './sorted-numbers.js';
import type { HoldRecord, LoansStore } from './store.js';
import type { HoldStatus } from './types.js';

export interface HoldFilter {
  username?: string;
  bookId?: string;
  status?: HoldStatus;
}

export class HoldIndex {
  private readonly byBook = new IdSets();
  private readonly byMember = new IdSets();
  private readonly readyByBarcode = new Map<string, string>();
  /** Open waiting holds' seqs per book: the queue. */
  private readonly queues = new NumberLists();
  /** Seqs of the open holds: any other seq is in closedHolds. */
  private readonly openSeqs = new Set<number>();
  /** Ids other than "hd-<seq>" (HoldService writes none), by seq: the rest are not kept twice. */
  private readonly oddIds = new Map<number, string>();
  /** Seqs of every hold, open or closed. */
  private readonly all: SortedNumbers;
  private readonly seqsOfMember = new NumberLists();
  private readonly seqsOfBook = new NumberLists();
  private readonly seqsOfStatus = new NumberLists();

  constructor(private readonly store: LoansStore) {
    // Sorted once at start: inserting 22,000 holds one by one (closed ones come in the
    // order they closed, not by seq) would move elements on nearly every insert.
    const seqs: number[] = [];
    for (const closed of [false, true]) {
      for (const hold of store.values(closed ? 'closedHolds' : 'holds')) {
        if (!closed) this.addOpen(hold);
        this.keepId(hold);
        seqs.push(hold.seq);
        this.seqsOfMember.append(hold.username, hold.seq);
        this.seqsOfBook.append(hold.bookId, hold.seq);
        this.seqsOfStatus.append(hold.status, hold.seq);
        if (!closed && hold.status === 'waiting') this.queues.append(hold.bookId, hold.seq);
      }
    }
    this.all = new SortedNumbers(seqs);
    for (const lists of [this.seqsOfMember, this.seqsOfBook, this.seqsOfStatus, this.queues]) lists.sortAll();
    store.onWrite((collection, _id, before, after) => {
      if (collection !== 'holds' && collection !== 'closedHolds') return;
      const closed = collection === 'closedHolds';
      if (before) this.remove(before as HoldRecord, closed);
      if (after) this.add(after as HoldRecord, closed);
    });
  }

  /** A book's open holds, first in line first. */
  ofBook(bookId: string): HoldRecord[] {
    return this.openRecords(this.byBook.get(bookId)).sort((a, b) => a.seq - b.seq);
  }

  ofMember(username: string): HoldRecord[] {
    return this.openRecords(this.byMember.get(username));
  }

  /** A book's waiting holds, first in line first. */
  queue(bookId: string): HoldRecord[] {
    return this.queues.get(bookId).map((seq) => this.record(seq));
  }

  /** How many wait for `bookId`. */
  queueLength(bookId: string): number {
    return this.queues.get(bookId).length;
  }

  /** A waiting hold's place in its book's queue (1 = next), found by binary search. */
  positionOf(hold: HoldRecord): number | undefined {
    if (!this.queues.has(hold.bookId, hold.seq)) return undefined;
    return lowerBound(this.queues.get(hold.bookId), hold.seq) + 1;
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

  /**
   * The holds, open and closed, that match every filter given, in seq order: the page
   * `offset`…`offset+limit-1` and how many match. With one filter (or none) that is a slice
   * of one list; with more, the shortest list is walked and the others asked by binary
   * search. Either way only the page's records are read.
   */
  page(filter: HoldFilter, offset: number, limit: number): { items: HoldRecord[]; total: number } {
    const asked: [NumberLists, string][] = [];
    if (filter.username !== undefined) asked.push([this.seqsOfMember, filter.username]);
    if (filter.bookId !== undefined) asked.push([this.seqsOfBook, filter.bookId]);
    if (filter.status !== undefined) asked.push([this.seqsOfStatus, filter.status]);
    let seqs: readonly number[] = this.all.values();
    if (asked.length > 0) {
      asked.sort(([a, x], [b, y]) => a.get(x).length - b.get(y).length);
      const [[lists, key], ...others] = asked;
      seqs = lists.get(key);
      if (others.length > 0) seqs = seqs.filter((seq) => others.every(([l, k]) => l.has(k, seq)));
    }
    return { items: seqs.slice(offset, offset + limit).map((seq) => this.record(seq)), total: seqs.length };
  }

  private record(seq: number): HoldRecord {
    const id = this.oddIds.get(seq) ?? `hd-${seq}`;
    return this.store.get(this.openSeqs.has(seq) ? 'holds' : 'closedHolds', id)!;
  }

  private keepId(hold: HoldRecord): void {
    if (hold.id !== `hd-${hold.seq}`) this.oddIds.set(hold.seq, hold.id);
  }

  private add(hold: HoldRecord, closed: boolean): void {
    if (!closed) this.addOpen(hold);
    this.keepId(hold);
    this.all.add(hold.seq);
    this.seqsOfMember.add(hold.username, hold.seq);
    this.seqsOfBook.add(hold.bookId, hold.seq);
    this.seqsOfStatus.add(hold.status, hold.seq);
    if (!closed && hold.status === 'waiting') this.queues.add(hold.bookId, hold.seq);
  }

  private remove(hold: HoldRecord, closed: boolean): void {
    if (!closed) this.removeOpen(hold);
    this.oddIds.delete(hold.seq);
    this.all.delete(hold.seq);
    this.seqsOfMember.delete(hold.username, hold.seq);
    this.seqsOfBook.delete(hold.bookId, hold.seq);
    this.seqsOfStatus.delete(hold.status, hold.seq);
    if (!closed) this.queues.delete(hold.bookId, hold.seq);
  }

  private addOpen(hold: HoldRecord): void {
    this.openSeqs.add(hold.seq);
    this.byBook.add(hold.bookId, hold.id);
    this.byMember.add(hold.username, hold.id);
    if (hold.status === 'ready' && hold.barcode) this.readyByBarcode.set(hold.barcode, hold.id);
  }

  private removeOpen(hold: HoldRecord): void {
    this.openSeqs.delete(hold.seq);
    this.byBook.delete(hold.bookId, hold.id);
    this.byMember.delete(hold.username, hold.id);
    if (hold.barcode && this.readyByBarcode.get(hold.barcode) === hold.id) this.readyByBarcode.delete(hold.barcode);
  }

  private openRecords(ids: ReadonlySet<string> | undefined): HoldRecord[] {
    if (!ids) return [];
    const out: HoldRecord[] = [];
    for (const id of ids) out.push(this.store.get('holds', id)!);
    return out;
  }
}
