// The returned loans: loan_history.csv (append-only, as before), not memory. Opening it
// reads the file once and keeps, per row, only where it is (byte offset and length) and
// the loan's id number, filed by member and by book; a page reads its own rows back from
// the file (the page cache makes that a memcpy). A closed loan whose row is not appended
// yet stays in the store's "returned" collection until it is (see returns.ts, upkeep.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import { StoreCorrupt } from '../shared/store/json-store.js';
import { CsvLog } from '../shared/store/csv-log.js';
import { HISTORY_COLUMNS, historyRow, type ClosedLoan } from './store.js';
import { idNumber } from './views.js';

const NEWLINE = 10;
const QUOTE = 34;
const COMMA = 44;
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

export class LoanHistory {
  /** Row number → byte offset and length in the file, and the loan's id number. */
  private offsets: number[] = [];
  private lengths: number[] = [];
  /** Loan id number → row number. */
  private rowOf = new Map<number, number>();
  /** Ascending loan id numbers: every returned loan, a member's, a book's. */
  private all: number[] = [];
  private byMember = new Map<string, number[]>();
  private byBook = new Map<string, number[]>();
  private byBarcode = new Map<string, number[]>();
  private size = 0;
  private fd = -1;
  private log!: CsvLog;

  private constructor(readonly file: string) {}

  static async open(file: string): Promise<LoanHistory> {
    const history = new LoanHistory(file);
    history.log = await CsvLog.open(file, HISTORY_COLUMNS, {}, (contents) => history.scan(contents));
    history.fd = openSync(file, 'r');
    return history;
  }

  get count(): number {
    return this.all.length;
  }

  /** Whether a row for loan id number `id`'s number is filed (read it to be sure of the id). */
  has(id: string): boolean {
    return this.rowOf.has(idNumber(id));
  }

  /** Ascending id numbers of the returned loans that pass the filter (none: all of them). */
  numbers(filter: HistoryFilter): readonly number[] {
    const { username, bookId, barcode } = filter;
    // The narrowest list filed, then the other conditions read from the rows (a copy's or
    // a member's loans are few; a book's a few more).
    const lists: [number[] | undefined, boolean][] = [
      [barcode !== undefined ? (this.byBarcode.get(barcode) ?? []) : undefined, barcode !== undefined],
      [username !== undefined ? (this.byMember.get(username) ?? []) : undefined, username !== undefined],
      [bookId !== undefined ? (this.byBook.get(bookId) ?? []) : undefined, bookId !== undefined],
    ];
    const chosen = lists.find(([, used]) => used)?.[0];
    if (!chosen) return this.all;
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
    const buffer = Buffer.allocUnsafe(this.lengths[row]);
    readSync(this.fd, buffer, 0, buffer.length, this.offsets[row]);
    const fields = splitRow(buffer, 0, buffer.length);
    if (!fields || idNumber(fields[0]) !== n) {
      throw new StoreCorrupt(`${this.file}: the row of loan ln-${n} is not at byte ${this.offsets[row]} any more`);
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
      this.add(this.size, length, idNumber(loan.id), loan.username, loan.bookId, loan.barcode);
      this.size += length;
    });
    return written.catch((error: unknown) => {
      // A failed append undoes it and everything queued behind it (group-commit.ts) and the
      // file is cut back to its last good length: forget these rows; the loans stay in the
      // store's "returned" until start-up appends them again.
      for (const loan of loans) this.forget(idNumber(loan.id), loan.username, loan.bookId, loan.barcode);
      this.size = this.log.stats().journalBytes;
      throw error;
    });
  }

  async close(): Promise<void> {
    await this.log.close();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** One pass over the file: checks every row is CSV with the right columns, and files it. */
  private scan(data: Buffer): void {
    let start = data.indexOf(NEWLINE) + 1; // past the header
    let line = 2;
    while (start < data.length) {
      const end = rowEnd(data, start);
      if (end < 0) throw new StoreCorrupt(`${this.file} line ${line}: a quoted field is never closed`);
      if (end === start) {
        start++;
        line++;
        continue; // an empty line
      }
      const fields = splitRow(data, start, end, true);
      if (!fields || fields.length !== HISTORY_COLUMNS.length) {
        throw new StoreCorrupt(`${this.file} line ${line}: expected ${HISTORY_COLUMNS.length} fields`);
      }
      this.add(start, end + 1 - start, idNumber(fields[ID]), fields[MEMBER], fields[BOOK], fields[BARCODE], true);
      start = end + 1;
      line++;
    }
    this.size = data.length;
    // Rows are in return order; the lists want id order.
    const ascending = (a: number, b: number) => a - b;
    this.all.sort(ascending);
    for (const list of this.byMember.values()) list.sort(ascending);
    for (const list of this.byBook.values()) list.sort(ascending);
    for (const list of this.byBarcode.values()) list.sort(ascending);
  }

  private forget(n: number, username: string, bookId: string, barcode: string): void {
    this.rowOf.delete(n);
    remove(this.all, n);
    remove(this.byMember.get(username), n);
    remove(this.byBook.get(bookId), n);
    remove(this.byBarcode.get(barcode), n);
  }

  private add(offset: number, length: number, n: number, username: string, bookId: string, barcode: string, loading = false): void {
    const row = this.offsets.length;
    this.offsets.push(offset);
    this.lengths.push(length);
    this.rowOf.set(n, row);
    insert(this.all, n, loading);
    insert(listOf(this.byMember, username), n, loading);
    insert(listOf(this.byBook, bookId), n, loading);
    insert(listOf(this.byBarcode, barcode), n, loading);
  }
}

function remove(list: number[] | undefined, n: number): void {
  if (!list) return;
  const at = list.lastIndexOf(n);
  if (at >= 0) list.splice(at, 1);
}

function listOf(map: Map<string, number[]>, key: string): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** Keeps `list` ascending; while loading it is sorted once at the end instead. */
function insert(list: number[], n: number, loading: boolean): void {
  if (loading || list.length === 0 || n > list[list.length - 1]) {
    list.push(n);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== n) list.splice(lo, 0, n);
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

/** csv-stringify's escape_formulas puts a ' before a leading = + - @ tab or CR; reading takes it off. */
function unescapeFormula(value: string): string {
  return value.length > 1 && value[0] === "'" && '=+-@\t\r'.includes(value[1]) ? value.slice(1) : value;
}

function fromFields(f: string[]): ClosedLoan {
  const [id, bookId, barcode, username, borrowedAt, dueAt, returnedAt, renewals, fine] = f;
  return { id, bookId, barcode, username, borrowedAt, dueAt, renewals: Number(renewals), returnedAt, fine: Number(fine) };
}
