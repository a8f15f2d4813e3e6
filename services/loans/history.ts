// The returned loans: loan_history.csv (append-only, as before), not memory. Opening it
// reads the file once and keeps, per row, only where it is (byte offset and length) and
// the loan's id number; a page reads its own rows back from the file (the page cache makes
// that a memcpy). A closed loan whose row is not appended yet stays in the store's
// "returned" collection until it is (see returns.ts, upkeep.ts).
//
// The lists by member, by book and by copy are filed after start, in slices between
// requests: filing 200,000 rows takes a second or more, which start-up (and /health) need
// not wait for. A list asked for before filing is done finishes it there and then; a
// returned loan by its id is found from the start (the first pass notes every row's place).
import { closeSync, openSync, readSync } from 'node:fs';
import { StoreCorrupt } from '../shared/store/json-store.js';
import { SLICE_MS } from '../shared/slice.js';
import { APOSTROPHE, COMMA, DASH, NEWLINE, QUOTE, ZERO } from '../shared/store/bytes.js';
import { FORMULA_START_BYTES, unescapeFormula } from '../shared/store/formula-escape.js';
import { CsvLog } from '../shared/store/csv-log.js';
import { insertSorted, isAscending, removeSorted } from '../shared/sorted-list.js';
import { HISTORY_COLUMNS, historyRow, type ClosedLoan } from './store.js';
import { RowTable } from './row-table.js';
import { ColumnIndex } from './column-index.js';
import { idNumber } from './views.js';
import { NumberColumn } from './number-column.js';

/** The fields the index files rows by: loan_id, book_id, barcode, username. */
const ID = 0;
const BOOK = 1;
const BARCODE = 2;
const MEMBER = 3;

export interface HistoryFilter {
  username?: string;
  bookId?: string;
  barcode?: string;
}

/** Rows filed (or lists sorted) between two looks at the clock. */
const STEPS = 250;
/** How much of the file filing reads at a time. */
const CHUNK_BYTES = 256 * 1024;

export class LoanHistory {
  /** Row number → byte offset and length in the file. */
  private offsets = new NumberColumn((n) => new Float64Array(n));
  private lengths = new NumberColumn((n) => new Uint32Array(n));
  /** Row number → the loan's id number, and back. */
  private ids = new NumberColumn((n) => new Float64Array(n));
  private rowOf = new RowTable();
  /** Ascending loan id numbers of every returned loan. */
  private all: number[] = [];
  /** A member's, a book's, a copy's returned loans: ascending id numbers once filed. */
  private byMember = new ColumnIndex();
  private byBook = new ColumnIndex();
  private byBarcode = new ColumnIndex();
  /** While the lists are being filed: the file as read at opening, and where filing is. */
  private filing: Filing | null = null;
  private size = 0;
  private fd = -1;
  private log!: CsvLog;

  private constructor(
    readonly file: string,
    private readonly sliceMs: number,
    private readonly chunkBytes: number,
  ) {}

  /**
   * `sliceMs`: how long one slice of filing may run (tests make it 0: one step of 250 rows a
   * slice); `chunkBytes`: how much of the file filing reads at a time.
   */
  static async open(file: string, sliceMs = SLICE_MS, chunkBytes = CHUNK_BYTES): Promise<LoanHistory> {
    const history = new LoanHistory(file, sliceMs, chunkBytes);
    history.log = await CsvLog.open(file, HISTORY_COLUMNS, {}, (contents) => history.scan(contents));
    history.fd = openSync(file, 'r');
    history.fileInSlices();
    return history;
  }

  /** Rows in the file (one per returned loan). */
  get count(): number {
    return this.ids.length;
  }

  /** Whether the lists by member, book and copy are complete (they are whenever asked for). */
  get filed(): boolean {
    return this.filing === null;
  }

  /** Whether a row for loan id number `id`'s number is filed (read it to be sure of the id). */
  has(id: string): boolean {
    return this.rowOf.has(idNumber(id));
  }

  /** Ascending id numbers of the returned loans that pass the filter (none: all of them). */
  numbers(filter: HistoryFilter): readonly number[] {
    const { username, bookId, barcode } = filter;
    this.finishFiling();
    if (username === undefined && bookId === undefined && barcode === undefined) return this.all;
    // The narrowest list filed, then the other conditions read from the rows (a copy's or
    // a member's loans are few; a book's a few more).
    const chosen =
      (barcode !== undefined ? this.byBarcode.get(barcode) : username !== undefined ? this.byMember.get(username) : this.byBook.get(bookId!)) ?? [];
    const conditions = [barcode, username, bookId].filter((v) => v !== undefined).length;
    if (conditions === 1) return chosen;
    return chosen.filter((n) => {
      const loan = this.read(n)!;
      return (username === undefined || loan.username === username) && (bookId === undefined || loan.bookId === bookId) && (barcode === undefined || loan.barcode === barcode);
    });
  }

  /** The returned loan with id number n, read from the file. */
  read(n: number): ClosedLoan | undefined {
    const row = this.rowOf.get(n);
    if (row === undefined) return undefined;
    const buffer = Buffer.allocUnsafe(this.lengths.at(row));
    readSync(this.fd, buffer, 0, buffer.length, this.offsets.at(row));
    const fields = splitRow(buffer, 0, buffer.length);
    if (!fields || idNumber(fields[0]) !== n) {
      throw new StoreCorrupt(`${this.file}: the row of loan ln-${n} is not at byte ${this.offsets.at(row)} any more`);
    }
    return fromFields(fields);
  }

  /** Appends closed loans (fsynced when it resolves); they are listed from the moment of the call. */
  append(loans: ClosedLoan[]): Promise<void> {
    const rows = loans.map(historyRow);
    const written = this.log.append(rows);
    // Rows go out in call order (group commit), so each lands where the file ends now.
    rows.forEach((row, i) => {
      const length = Buffer.byteLength(CsvLog.format([row], HISTORY_COLUMNS));
      const loan = loans[i];
      const n = idNumber(loan.id);
      this.addRow(this.size, length, n);
      // While filing, a list may be unsorted yet (or about to be replaced): the row joins
      // its lists once filing is done.
      if (this.filing) this.filing.later.push({ n, loan });
      else this.fileAppended(n, loan);
      this.size += length;
    });
    return written.catch((error: unknown) => {
      // A failed append undoes it and everything queued behind it (group-commit.ts) and the
      // file is cut back to its last good length: forget these rows; the loans stay in the
      // store's "returned" until start-up appends them again.
      this.finishFiling();
      for (const loan of loans) this.forget(idNumber(loan.id), loan.username, loan.bookId, loan.barcode);
      this.size = this.log.stats().journalBytes;
      throw error;
    });
  }

  async close(): Promise<void> {
    if (this.filing) clearImmediate(this.filing.timer);
    this.filing = null;
    await this.log.close();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /**
   * One pass over the file at opening: checks every row is CSV with the right columns and
   * records where it is and its loan's id. A row with no quote (all but odd ones) is read
   * in place, its fields found by the bytes' commas; one with quotes is decoded.
   */
  private scan(data: Buffer): void {
    let start = data.indexOf(NEWLINE) + 1; // past the header
    let line = 2;
    // The next quote at or after `start`, looked for again only once passed: asking from
    // every row would rescan a file without quotes to its end each time.
    let quote = data.indexOf(QUOTE, start);
    const quoted = new Set<number>();
    while (start < data.length) {
      if (quote !== -1 && quote < start) quote = data.indexOf(QUOTE, start);
      let end = data.indexOf(NEWLINE, start);
      if (end === -1) end = data.length;
      if (end === start) {
        start++;
        line++;
        continue; // an empty line
      }
      if (quote === -1 || quote > end) {
        const fields = commasOf(data, start, end).length + 1;
        if (fields !== HISTORY_COLUMNS.length) throw new StoreCorrupt(`${this.file} line ${line}: expected ${HISTORY_COLUMNS.length} fields`);
        this.addRow(start, end + 1 - start, idAt(data, start, data.indexOf(COMMA, start)));
      } else {
        end = rowEnd(data, start);
        if (end < 0) throw new StoreCorrupt(`${this.file} line ${line}: a quoted field is never closed`);
        const fields = splitRow(data, start, end, true);
        if (!fields || fields.length !== HISTORY_COLUMNS.length) {
          throw new StoreCorrupt(`${this.file} line ${line}: expected ${HISTORY_COLUMNS.length} fields`);
        }
        this.addRow(start, end + 1 - start, idNumber(fields[ID]));
        quoted.add(this.ids.length - 1);
        line += countNewlines(data, start, end);
      }
      start = end + 1;
      line++;
    }
    this.size = data.length;
    for (const column of [this.offsets, this.lengths, this.ids]) column.trim();
    // Filing reads the rows again from the file, a chunk at a time: kept for it, the file's
    // bytes (24 MB at 200,000 rows) would stay in memory until the next full collection.
    this.filing = { chunk: Buffer.allocUnsafe(this.chunkBytes), chunkAt: 0, chunkLength: 0, quoted, rows: this.offsets.length, next: 0, sorting: null, later: [], timer: undefined };
    for (const column of [this.byMember, this.byBook, this.byBarcode]) column.begin(this.offsets.length);
  }

  /** Files the rows read at opening by member, book and copy, a slice at a time between requests. */
  private fileInSlices(): void {
    const filing = this.filing;
    if (!filing) return;
    const deadline = performance.now() + this.sliceMs;
    do {
      if (this.fileSome(filing, STEPS)) {
        this.finishFiling();
        return;
      }
    } while (performance.now() < deadline);
    if (this.filing === filing) filing.timer = setImmediate(() => this.fileInSlices());
  }

  /** Files the rest now: a list is asked for before the slices are done. */
  private finishFiling(): void {
    const filing = this.filing;
    if (!filing) return;
    while (!this.fileSome(filing, Infinity));
    clearImmediate(filing.timer);
    this.filing = null;
    for (const { n, loan } of filing.later) this.fileAppended(n, loan);
  }

  /** Up to `count` steps of filing (a row filed, or a list sorted); whether all are done. */
  private fileSome(filing: Filing, count: number): boolean {
    for (; count > 0 && filing.next < filing.rows; count--, filing.next++) {
      const row = filing.next;
      const { data, start } = this.rowBytes(filing, row);
      const end = start + this.lengths.at(row) - 1;
      const n = this.ids.at(row);
      this.all.push(smallInt(n));
      if (!filing.quoted.has(row)) {
        const commas = commasOf(data, start, end);
        fileAt(this.byMember, row, data, commas[MEMBER - 1] + 1, commas[MEMBER]);
        fileAt(this.byBook, row, data, commas[BOOK - 1] + 1, commas[BOOK]);
        fileAt(this.byBarcode, row, data, commas[BARCODE - 1] + 1, commas[BARCODE]);
      } else {
        const fields = splitRow(data, start, end, true)!;
        this.byMember.fileValue(row, fields[MEMBER]);
        this.byBook.fileValue(row, fields[BOOK]);
        this.byBarcode.fileValue(row, fields[BARCODE]);
      }
    }
    if (filing.next < filing.rows) return false;
    // Rows were filed in return order; the lists want id order (column-index.ts packs them).
    filing.sorting ??= (function* (history: LoanHistory) {
      sortAscending(history.all);
      history.all = history.all.slice(); // exact length: pushing left room for a third more
      yield;
      for (const column of [history.byMember, history.byBook, history.byBarcode]) yield* column.pack(history.ids.view());
    })(this);
    for (; count > 0; count--) if (filing.sorting.next().done) return true;
    return false;
  }

  private fileAppended(n: number, loan: ClosedLoan): void {
    insertSorted(this.all, n);
    this.byMember.insert(loan.username, n);
    this.byBook.insert(loan.bookId, n);
    this.byBarcode.insert(loan.barcode, n);
  }

  private forget(n: number, username: string, bookId: string, barcode: string): void {
    this.rowOf.delete(n);
    removeSorted(this.all, n);
    this.byMember.remove(username, n);
    this.byBook.remove(bookId, n);
    this.byBarcode.remove(barcode, n);
  }

  /** Row `row`'s bytes: in the filing's chunk (read again from the file when it is not there), or on their own when longer than a chunk. */
  private rowBytes(filing: Filing, row: number): { data: Buffer; start: number } {
    const offset = this.offsets.at(row);
    const length = this.lengths.at(row);
    if (offset < filing.chunkAt || offset + length > filing.chunkAt + filing.chunkLength) {
      if (length > filing.chunk.length) {
        const own = Buffer.allocUnsafe(length);
        readSync(this.fd, own, 0, length, offset);
        return { data: own, start: 0 };
      }
      filing.chunkAt = offset;
      filing.chunkLength = readSync(this.fd, filing.chunk, 0, filing.chunk.length, offset);
    }
    return { data: filing.chunk, start: offset - filing.chunkAt };
  }

  /** Records where the next row is in the file and its loan's id number. */
  private addRow(offset: number, length: number, n: number): void {
    this.rowOf.set(n, this.ids.length);
    this.offsets.push(offset);
    this.lengths.push(length);
    this.ids.push(n);
  }
}

/** Filing in progress: the rows read at opening, the next of them, and rows appended since. */
interface Filing {
  /** Part of the file, from byte chunkAt: rows are filed from it in file order. */
  chunk: Buffer;
  chunkAt: number;
  chunkLength: number;
  /** Rows with a quote (decoded field by field rather than read in place). */
  quoted: Set<number>;
  rows: number;
  next: number;
  sorting: Iterator<void> | null;
  /** Rows appended while filing: they join their lists once those are sorted. */
  later: { n: number; loan: ClosedLoan }[];
  timer: NodeJS.Immediate | undefined;
}

/** The positions of the commas in data[start, end) (a row with no quotes). */
function commasOf(data: Buffer, start: number, end: number): number[] {
  const commas: number[] = [];
  for (let at = data.indexOf(COMMA, start); at !== -1 && at < end; at = data.indexOf(COMMA, at + 1)) commas.push(at);
  return commas;
}

/** Files a row under its field's value; a formula-escaped value (') is filed without its mark. */
function fileAt(column: ColumnIndex, row: number, data: Buffer, start: number, end: number): void {
  // The fields filed (ids, barcodes, usernames) are ASCII by their rules: a one-byte start is all there can be.
  const escaped = end - start > 1 && data[start] === APOSTROPHE && FORMULA_START_BYTES.includes(data[start + 1]);
  column.fileRow(row, data, escaped ? start + 1 : start, end);
}

/** A loan id's number (as idNumber() reads "ln-17") from its bytes: digits after the first dash. */
function idAt(data: Buffer, start: number, end: number): number {
  const dash = data.indexOf(DASH, start);
  if (dash === -1 || dash >= end || end - dash > 16) return idNumber(data.toString('utf8', start, end));
  let n = 0;
  for (let i = dash + 1; i < end; i++) {
    const digit = data[i] - ZERO;
    if (digit < 0 || digit > 9) return idNumber(data.toString('utf8', start, end));
    n = n * 10 + digit;
  }
  return n;
}

/** n as an int when it is one: a number read from a Float64Array, put in a plain array, would make it an array of doubles (8 bytes each, not 4). */
function smallInt(n: number): number {
  return n === (n | 0) ? n | 0 : n;
}

function sortAscending(list: number[]): void {
  if (isAscending(list)) return;
  if (list.length < 1000) list.sort((a, b) => a - b);
  else {
    // A typed array sorts numbers natively: 200,000 in about 18 ms, where a comparator
    // takes 90 (one slice of filing must not hold the event loop that long).
    const sorted = Float64Array.from(list).sort();
    for (let j = 0; j < list.length; j++) list[j] = smallInt(sorted[j]);
  }
}

function countNewlines(data: Buffer, start: number, end: number): number {
  let count = 0;
  for (let at = data.indexOf(NEWLINE, start); at !== -1 && at < end; at = data.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** The index of the newline ending the row that starts at `start` (quoted newlines skipped), or -1. */
function rowEnd(data: Buffer, start: number): number {
  let quoted = false;
  for (let i = start; i < data.length; i++) {
    const byte = data[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === NEWLINE && !quoted) return i;
  }
  return -1;
}

/**
 * The fields of one CSV row (RFC 4180 quoting, as csv-stringify writes it), without the
 * newline at `end`. `onlyIndexed` decodes just the fields the index needs, for speed.
 */
function splitRow(data: Buffer, start: number, end: number, onlyIndexed = false): string[] | null {
  const fields: string[] = [];
  let i = start;
  const stop = end > start && data[end - 1] === NEWLINE ? end - 1 : end;
  for (;;) {
    const wanted = !onlyIndexed || fields.length <= MEMBER;
    let value = '';
    if (data[i] === QUOTE) {
      let from = ++i;
      for (;;) {
        const q = data.indexOf(QUOTE, i);
        if (q < 0 || q >= stop) return null;
        if (wanted) value += data.toString('utf8', from, q);
        if (data[q + 1] === QUOTE) {
          if (wanted) value += '"';
          i = from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    } else {
      let comma = data.indexOf(COMMA, i);
      if (comma < 0 || comma > stop) comma = stop;
      if (wanted) value = data.toString('utf8', i, comma);
      i = comma;
    }
    fields.push(wanted ? unescapeFormula(value) : '');
    if (i >= stop) return fields;
    if (data[i] !== COMMA) return null;
    i++;
  }
}

function fromFields(f: string[]): ClosedLoan {
  const [id, bookId, barcode, username, borrowedAt, dueAt, returnedAt, renewals, fine] = f;
  return { id, bookId, barcode, username, borrowedAt, dueAt, renewals: Number(renewals), returnedAt, fine: Number(fine) };
}
