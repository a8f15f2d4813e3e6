// Reading the store's files back at start, a record (or journal line) at a time. Reading a
// snapshot whole — its bytes, their text, then JSON.parse's tree of every record, all alive
// at once — took a service's peak to 2–3 times its size after start-up (256 and 277 MiB for
// catalog and inventory at 100,000 books). Here the file is read in chunks; the reader walks
// the snapshot's outer objects itself and hands each record's own text to JSON.parse, so at
// any time only a chunk of text and the records already kept are alive.
//
// What the store writes is `{"collections":{"<name>":{"<id>":<record>,…},…},"counters":{…}}`
// (snapshot-writer.ts). The reader accepts exactly what JSON.parse accepts: it checks the
// punctuation of the outer objects, and every key and value it cuts out goes through
// JSON.parse, so a file that is not valid JSON is an error naming it, never a guess. The
// records that follow one another in a chunk go through one JSON.parse together (see
// records()): a call a record was about half of what reading 100,000 books cost.
import { open, readFile } from 'node:fs/promises';
import { BACKSLASH, CARRIAGE_RETURN, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, NEWLINE, OPEN_BRACE, OPEN_BRACKET, QUOTE, SPACE, TAB } from './bytes.js';
import { checkSnapshot, describe } from './journal-format.js';

export class StoreCorrupt extends Error {}

const CHUNK_BYTES = 1 << 20;
/** How many bytes of records, at most, one JSON.parse reads together. */
const RUN_BYTES = 64 * 1024;

const isBlank = (byte: number) => byte === SPACE || byte === NEWLINE || byte === CARRIAGE_RETURN || byte === TAB;

/** The value ends beyond the bytes read so far. */
const MORE = -1;

/** The first index from `at` that is not blank, or `end`. */
function skipBlanks(buf: Buffer, at: number, end: number): number {
  while (at < end && isBlank(buf[at])) at++;
  return at;
}

/** Index just past the string whose opening quote is at `at`, or MORE. */
function stringEnd(buf: Buffer, at: number, end: number): number {
  let i = at + 1;
  for (;;) {
    const quote = buf.indexOf(QUOTE, i);
    if (quote === -1 || quote >= end) return MORE;
    let backslashes = 0;
    while (buf[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/**
 * Index just past the JSON value starting at `at` (not blank), or MORE. Only its extent is
 * found here: JSON.parse of the cut-out text decides whether it is valid.
 */
function valueEnd(buf: Buffer, at: number, end: number): number {
  const first = buf[at];
  if (first === QUOTE) return stringEnd(buf, at, end);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number or a literal runs to the next delimiter (an empty one fails JSON.parse).
    for (let i = at; i < end; i++) {
      const byte = buf[i];
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === COLON || isBlank(byte)) return i;
    }
    return MORE;
  }
  let depth = 0;
  for (let i = at; i < end; i++) {
    const byte = buf[i];
    if (byte === QUOTE) {
      i = stringEnd(buf, i, end);
      if (i === MORE) return MORE;
      i--;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return i + 1;
  }
  return MORE;
}

/** Where in the outer objects the reader is. */
type Level = 'top' | 'collections' | 'records';
/** What comes next at that level. */
type Expect = 'key-or-close' | 'key' | 'comma-or-close';

interface Frame {
  level: Level;
  collection: string;
  expect: Expect;
}

/** Told of each collection as its object opens, then of each of its records, in the file's order; either may throw StoreCorrupt to stop. */
export interface SnapshotSink {
  collection(name: string): void;
  record(collection: string, id: string, record: unknown): void;
}

export interface SnapshotRead {
  counters: Record<string, number>;
  /** The file's size. */
  bytes: number;
}

/**
 * Reads the snapshot `file`, giving each collection and record to `sink`; answers its counters, or null
 * if there is no file. Refuses (StoreCorrupt naming the file) anything JSON.parse would, and
 * anything that parses but is not a snapshot (journal-format.ts's checkSnapshot).
 */
export async function readSnapshot(file: string, sink: SnapshotSink, chunkBytes = CHUNK_BYTES): Promise<SnapshotRead | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const reader = new SnapshotReader(file, sink);
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let rest: Buffer = Buffer.alloc(0);
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
      bytes += bytesRead;
      const done = bytesRead === 0;
      const window = rest.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
      if (reader.notAnObject(window)) return await readWhole(file, sink);
      const used = reader.feed(window, done);
      if (done) break;
      // What was not used (a record cut by the chunk's end) is read again with the next chunk.
      rest = Buffer.from(window.subarray(used));
    }
    return { counters: reader.counters(), bytes };
  } finally {
    await handle.close();
  }
}

/**
 * A file that does not start with `{` is not a snapshot, whatever it holds; read whole (it is
 * what the store never wrote, so no size to worry about), it gets the same answer as ever.
 */
async function readWhole(file: string, sink: SnapshotSink): Promise<SnapshotRead> {
  const text = await readFile(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StoreCorrupt(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (data === null) throw new StoreCorrupt(`${file} holds null, not what the service wrote`);
  const snapshot = checkSnapshot(data, file);
  for (const [name, records] of Object.entries(snapshot.collections)) {
    sink.collection(name);
    for (const id in records) sink.record(name, id, records[id]);
  }
  return { counters: snapshot.counters, bytes: Buffer.byteLength(text) };
}

class SnapshotReader {
  started = false;
  private readonly stack: Frame[] = [];
  private ended = false;
  private sawCollections = false;
  private rawCounters: unknown = {};
  /** Bytes of the file before the current window, for error messages. */
  private offset = 0;
  /** Records are read one at a time up to this byte of the file: their run together did not parse. */
  private singlyUntil = -1;

  constructor(
    private readonly file: string,
    private readonly sink: SnapshotSink,
  ) {}

  /** Whether the first byte that is not blank is something other than `{` (or there is none). */
  notAnObject(window: Buffer): boolean {
    if (this.started) return false;
    const i = skipBlanks(window, 0, window.length);
    if (i === window.length) return false; // decided by a later chunk, or by the end
    return window[i] !== OPEN_BRACE;
  }

  counters(): Record<string, number> {
    if (!this.ended) this.corrupt('is not valid JSON: the file ends before the snapshot does');
    if (!this.sawCollections) throw new StoreCorrupt(`${this.file} is not a store snapshot (no "collections" object)`);
    return checkSnapshot({ collections: {}, counters: this.rawCounters }, this.file).counters;
  }

  /**
   * Reads as much of `buf` as forms whole pieces (punctuation, members); answers how many
   * bytes it used. `last`: no more bytes follow, so whatever is left must be blank.
   */
  feed(buf: Buffer, last: boolean): number {
    const end = buf.length;
    let at = 0;
    for (;;) {
      at = skipBlanks(buf, at, end);
      if (at === end) {
        if (last && !this.ended) this.corrupt(this.started ? 'is not valid JSON: the file ends before the snapshot does' : 'is not valid JSON: the file is empty');
        this.offset += at;
        return at;
      }
      if (this.ended) this.corrupt('is not valid JSON: more follows the end of the snapshot', at);
      if (!this.started) {
        // notAnObject() has seen the `{`
        this.started = true;
        this.stack.push({ level: 'top', collection: '', expect: 'key-or-close' });
        at++;
        continue;
      }
      const frame = this.stack[this.stack.length - 1];
      const byte = buf[at];
      if (frame.expect === 'comma-or-close') {
        if (byte === COMMA) frame.expect = 'key';
        else if (byte === CLOSE_BRACE) this.close();
        else this.corrupt(`is not valid JSON: expected "," or "}"`, at);
        at++;
        continue;
      }
      if (byte === CLOSE_BRACE && frame.expect === 'key-or-close') {
        this.close();
        at++;
        continue;
      }
      if (byte !== QUOTE) this.corrupt('is not valid JSON: expected a key in quotes', at);
      const used = this.member(buf, at, end, frame, last);
      if (used === MORE) {
        this.offset += at;
        return at;
      }
      at = used;
    }
  }

  /** One `"key": value` of `frame`'s object from `at` (or a run of records): answers where it ends, or MORE. */
  private member(buf: Buffer, at: number, end: number, frame: Frame, last: boolean): number {
    if (frame.level === 'records' && this.offset + at > this.singlyUntil) {
      const run = this.records(buf, at, end, frame);
      if (run !== MORE) return run;
    }
    const keyEnd = stringEnd(buf, at, end);
    if (keyEnd === MORE) return this.more(last, at);
    const key = this.parse(buf, at, keyEnd) as string;
    let i = skipBlanks(buf, keyEnd, end);
    if (i === end) return this.more(last, at);
    if (buf[i] !== COLON) this.corrupt('is not valid JSON: expected ":" after a key', i);
    i = skipBlanks(buf, i + 1, end);
    if (i === end) return this.more(last, at);
    if (frame.level === 'top' && key === 'collections' && buf[i] === OPEN_BRACE) {
      if (this.sawCollections) this.corrupt('is not a store snapshot (two "collections" objects)', at);
      this.sawCollections = true;
      return this.open(frame, 'collections', '', i);
    }
    if (frame.level === 'collections' && buf[i] === OPEN_BRACE) {
      this.sink.collection(key);
      return this.open(frame, 'records', key, i);
    }
    const valueStop = valueEnd(buf, i, end);
    if (valueStop === MORE) return this.more(last, at);
    const value = this.parse(buf, i, valueStop);
    frame.expect = 'comma-or-close';
    if (frame.level === 'records') this.sink.record(frame.collection, key, value);
    else if (frame.level === 'collections') throw new StoreCorrupt(`${this.file}: collection "${key}" is ${describe(value)}, not an object of records`);
    else if (key === 'collections') throw new StoreCorrupt(`${this.file} is not a store snapshot (no "collections" object)`);
    else if (key === 'counters') this.rawCounters = value;
    return valueStop;
  }

  /**
   * The whole records from `at` (a key's quote) that follow one another in `buf`, up to
   * RUN_BYTES of them, given to the sink from one JSON.parse: their text with the colon
   * after each key made a comma, in brackets, is the list key, record, key, record, …, in
   * the file's order, and it parses exactly when each key and each record would alone.
   * Answers where the last one ends, or MORE when fewer than two are whole here or their
   * text does not parse; member() then reads them one at a time and names what is wrong.
   */
  private records(buf: Buffer, at: number, end: number, frame: Frame): number {
    const colons: number[] = [];
    let stop = at;
    for (let i = at; i < end && buf[i] === QUOTE && stop - at < RUN_BYTES; ) {
      const keyEnd = stringEnd(buf, i, end);
      if (keyEnd === MORE) break;
      const colon = skipBlanks(buf, keyEnd, end);
      if (colon === end || buf[colon] !== COLON) break;
      const value = skipBlanks(buf, colon + 1, end);
      if (value === end) break;
      const valueStop = valueEnd(buf, value, end);
      if (valueStop === MORE) break;
      colons.push(colon);
      stop = valueStop;
      const comma = skipBlanks(buf, valueStop, end);
      if (comma === end || buf[comma] !== COMMA) break;
      i = skipBlanks(buf, comma + 1, end);
    }
    if (colons.length < 2) return MORE;
    for (const colon of colons) buf[colon] = COMMA;
    let pairs: unknown[];
    try {
      pairs = JSON.parse(`[${buf.toString('utf8', at, stop)}]`);
    } catch {
      for (const colon of colons) buf[colon] = COLON;
      this.singlyUntil = this.offset + stop;
      return MORE;
    }
    for (let p = 0; p < pairs.length; p += 2) this.sink.record(frame.collection, pairs[p] as string, pairs[p + 1]);
    frame.expect = 'comma-or-close';
    return stop;
  }

  private open(frame: Frame, level: Level, collection: string, brace: number): number {
    frame.expect = 'comma-or-close'; // once the object pushed now is closed
    this.stack.push({ level, collection, expect: 'key-or-close' });
    return brace + 1;
  }

  private close(): void {
    this.stack.pop();
    if (this.stack.length === 0) this.ended = true;
  }

  private more(last: boolean, at: number): number {
    if (last) this.corrupt('is not valid JSON: the file ends inside a value', at);
    return MORE;
  }

  private parse(buf: Buffer, from: number, to: number): unknown {
    try {
      return JSON.parse(buf.toString('utf8', from, to));
    } catch (error) {
      return this.corrupt(`is not valid JSON: ${(error as Error).message}`, from);
    }
  }

  private corrupt(what: string, at?: number): never {
    const where = at === undefined ? '' : ` (at byte ${this.offset + at})`;
    throw new StoreCorrupt(`${this.file} ${what}${where}`);
  }
}

/**
 * Reads the journal `file` a line at a time, giving each whole line (without its newline)
 * and its number to `onLine`; answers the byte length of the whole lines. A last line with
 * no newline is not given: the caller cuts the file back to the length answered.
 */
export async function readLines(file: string, onLine: (line: string, number: number) => void, chunkBytes = CHUNK_BYTES): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let rest: Buffer = Buffer.alloc(0);
    let complete = 0;
    let number = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) return complete;
      const window = rest.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
      let start = 0;
      for (let newline = window.indexOf(NEWLINE); newline !== -1; newline = window.indexOf(NEWLINE, start)) {
        onLine(window.toString('utf8', start, newline), ++number);
        complete += newline + 1 - start;
        start = newline + 1;
      }
      rest = Buffer.from(window.subarray(start));
    }
  } finally {
    await handle.close();
  }
}
