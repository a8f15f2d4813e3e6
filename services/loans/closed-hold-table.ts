// The store's table for closed holds (a RecordTable, shared/store/record-table.ts): they only
// grow, and are read a page at a time (GET /holds), so they are kept packed rather than as one
// object each. At a large library 20,000 closed holds as objects of ten fields (four ISO times
// among them) took 6 MiB of heap, about 300 bytes each. Here a hold is a slot across columns:
// its seq, status and four times (epoch ms, NaN for none) in typed arrays, its book, member and
// barcode as pointers to strings the records share (share-strings.ts), and its slot found from
// its seq in a typed array indexed by seq (seqs count up from 1, tx.nextSeq('hold')).
// get() answers a new record equal to the one set, fields in the same order, so the snapshot
// and every answer are what they were. A record this could not give back exactly (an id other
// than hd-<seq>, a time not as toISOString writes it, a field of its own) is kept as it came.
import type { RecordTable } from '../shared/store/record-table.js';
import { isoTime, parseIsoTime } from './iso-time.js';
import type { HoldRecord } from './store.js';
import type { HoldStatus } from './types.js';

const STATUSES: readonly HoldStatus[] = ['waiting', 'ready', 'fulfilled', 'cancelled', 'expired'];
/** HoldRecord's fields in the order HoldService writes them; the first six always there. */
const FIELDS = ['id', 'seq', 'bookId', 'username', 'status', 'createdAt', 'barcode', 'readyAt', 'pickupBy', 'closedAt'] as const;
const REQUIRED = 6;
const TIMES = ['createdAt', 'readyAt', 'pickupBy', 'closedAt'] as const;
const BARCODE = 1 << FIELDS.indexOf('barcode');
const TIME_BITS = TIMES.map((name) => 1 << FIELDS.indexOf(name));

export class ClosedHoldTable implements RecordTable {
  private count = 0;
  private seqs = new Float64Array(0);
  private statuses = new Uint8Array(0);
  /** Four per slot, in TIMES order. */
  private times = new Float64Array(0);
  private readonly books: string[] = [];
  private readonly members: string[] = [];
  private readonly barcodes: (string | undefined)[] = [];
  /** Seq → slot + 1 (0: none). */
  private slotOf = new Int32Array(0);
  /** The four times fits() last read, for append(). */
  private readonly parsed = new Float64Array(4);
  /** Records kept as they came: they do not fit the columns. */
  private readonly odd = new Map<string, HoldRecord>();

  get size(): number {
    return this.count + this.odd.size;
  }

  get(id: string): HoldRecord | undefined {
    const slot = this.slot(id);
    return slot < 0 ? this.odd.get(id) : this.record(slot);
  }

  has(id: string): boolean {
    return this.slot(id) >= 0 || this.odd.has(id);
  }

  set(id: string, record: unknown): this {
    this.delete(id);
    const hold = record as HoldRecord;
    if (this.fits(id, hold)) this.append(hold);
    else this.odd.set(id, hold);
    return this;
  }

  delete(id: string): boolean {
    const slot = this.slot(id);
    if (slot < 0) return this.odd.delete(id);
    // The last slot moves into the hole: the columns stay dense.
    const last = --this.count;
    this.slotOf[this.seqs[slot]] = 0;
    if (slot !== last) {
      this.seqs[slot] = this.seqs[last];
      this.statuses[slot] = this.statuses[last];
      this.times.copyWithin(4 * slot, 4 * last, 4 * last + 4);
      this.books[slot] = this.books[last];
      this.members[slot] = this.members[last];
      this.barcodes[slot] = this.barcodes[last];
      this.slotOf[this.seqs[slot]] = slot + 1;
    }
    this.books.pop();
    this.members.pop();
    this.barcodes.pop();
    return true;
  }

  *keys(): IterableIterator<string> {
    for (let slot = 0; slot < this.count; slot++) yield `hd-${this.seqs[slot]}`;
    yield* this.odd.keys();
  }

  *values(): IterableIterator<HoldRecord> {
    for (let slot = 0; slot < this.count; slot++) yield this.record(slot);
    yield* this.odd.values();
  }

  *entries(): IterableIterator<[string, HoldRecord]> {
    for (let slot = 0; slot < this.count; slot++) yield [`hd-${this.seqs[slot]}`, this.record(slot)];
    yield* this.odd.entries();
  }

  /** The slot of "hd-<seq>" as this table writes ids (no sign, no leading zero), or -1. */
  private slot(id: string): number {
    if (id.length < 4 || id.length > 19 || id.charCodeAt(0) !== 104 || id.charCodeAt(1) !== 100 || id.charCodeAt(2) !== 45 || id.charCodeAt(3) === 48) return -1;
    let seq = 0;
    for (let i = 3; i < id.length; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return -1;
      seq = seq * 10 + digit;
    }
    return seq < this.slotOf.length ? this.slotOf[seq] - 1 : -1;
  }

  private record(slot: number): HoldRecord {
    const seq = this.seqs[slot];
    const at = 4 * slot;
    const hold: HoldRecord = {
      id: `hd-${seq}`,
      seq,
      bookId: this.books[slot],
      username: this.members[slot],
      status: STATUSES[this.statuses[slot]],
      createdAt: isoTime(this.times[at]),
    };
    const barcode = this.barcodes[slot];
    if (barcode !== undefined) hold.barcode = barcode;
    if (!Number.isNaN(this.times[at + 1])) hold.readyAt = isoTime(this.times[at + 1]);
    if (!Number.isNaN(this.times[at + 2])) hold.pickupBy = isoTime(this.times[at + 2]);
    if (!Number.isNaN(this.times[at + 3])) hold.closedAt = isoTime(this.times[at + 3]);
    return hold;
  }

  /** Whether record() would give `hold` back exactly: the same fields, in the same order, equal. */
  private fits(id: string, hold: HoldRecord): boolean {
    const { seq } = hold;
    // The slot table stays within a few times the number of holds however seqs are spread.
    if (!Number.isSafeInteger(seq) || seq < 1 || seq > 8 * this.size + 65_536 || id !== `hd-${seq}` || hold.id !== id) return false;
    if (typeof hold.bookId !== 'string' || typeof hold.username !== 'string' || !STATUSES.includes(hold.status)) return false;
    const present = fieldsInOrder(hold);
    if (present < 0) return false;
    if (present & BARCODE ? typeof hold.barcode !== 'string' : hold.barcode !== undefined) return false;
    for (let i = 0; i < TIMES.length; i++) {
      const text = hold[TIMES[i]];
      if (!(present & TIME_BITS[i])) this.parsed[i] = NaN; // absent: createdAt is never
      else if (typeof text !== 'string' || Number.isNaN((this.parsed[i] = parseIsoTime(text)))) return false;
    }
    return true;
  }

  private append(hold: HoldRecord): void {
    const slot = this.count++;
    if (slot === this.seqs.length) this.grow();
    if (hold.seq >= this.slotOf.length) this.slotOf = grown(this.slotOf, hold.seq + 1);
    this.seqs[slot] = hold.seq;
    this.statuses[slot] = STATUSES.indexOf(hold.status);
    this.times.set(this.parsed, 4 * slot);
    this.books.push(hold.bookId);
    this.members.push(hold.username);
    this.barcodes.push(hold.barcode);
    this.slotOf[hold.seq] = slot + 1;
  }

  private grow(): void {
    this.seqs = grown(this.seqs, this.count);
    this.statuses = grown(this.statuses, this.seqs.length);
    this.times = grown(this.times, 4 * this.seqs.length);
  }
}

/**
 * Which of FIELDS `hold` has, one bit each, if its own keys are the six first and some of the
 * others, in FIELDS' order; else -1.
 */
function fieldsInOrder(hold: object): number {
  let present = 0;
  let next = 0;
  for (const key of Object.keys(hold)) {
    while (next < FIELDS.length && FIELDS[next] !== key) {
      if (next < REQUIRED) return -1;
      next++;
    }
    if (next === FIELDS.length) return -1;
    present |= 1 << next++;
  }
  return next < REQUIRED ? -1 : present;
}

/** A copy of `array`, at least `size` long, an eighth over it so growing one by one stays cheap. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(size, array.length + (array.length >> 3) + 1024));
  next.set(array);
  return next;
}
