// Where a service's log lines go: stdout in the foreground; under `startup.sh --detach`
// (LOG_FILE set) a file the service writes itself, rotated at 10 MiB with 3 old files
// kept (<file>.1 newest … <file>.3 oldest). A log line that cannot be written (disk full)
// is dropped and counted: logging never stops a service.
//
// Access lines (one a request) are queued and written together, at most 50 ms after the
// first of them or at 64 KiB (BatchedSink; nginx's `access_log … buffer= flush=` likewise):
// one write system call a request was 8% of the gateway's time on a cached search, and one
// a turn of the event loop still 6%. Every other line is written at once, after whatever
// was queued, and the queue is written when the process exits (process.exit, an uncaught
// error), so a stop's or a crash's last lines are never held back; only a SIGKILL loses
// the last 50 ms of access lines.
import { closeSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';
import { FILE_MODE } from '../store/modes.js';

export const ROTATE_BYTES = 10 * 1024 * 1024;
export const KEPT_FILES = 3;

export interface LogSink {
  write(line: string): void;
  /** Lines dropped because they could not be written. */
  dropped: number;
}

let shared: BatchedSink | null = null;

/** The process's sink, made once from LOG_FILE (a file) or stdout. */
export function processLogSink(env: NodeJS.ProcessEnv = process.env): BatchedSink {
  if (!shared) {
    const sink = new BatchedSink(env.LOG_FILE ? new RotatingFile(env.LOG_FILE) : new StdoutSink());
    process.once('exit', () => sink.flush());
    shared = sink;
  }
  return shared;
}

/** A queue this long is written at once. */
export const BATCH_CHARS = 64 * 1024;
/** The longest a queued line waits. */
export const FLUSH_MS = 50;

/** Calls `flush` later; the default does so FLUSH_MS from now, without holding the process up. */
export type Later = (flush: () => void) => void;

const afterFlushMs: Later = (flush) => void setTimeout(flush, FLUSH_MS).unref();

export class BatchedSink implements LogSink {
  private pending = '';
  private scheduled = false;

  constructor(
    private readonly sink: LogSink,
    private readonly maxChars = BATCH_CHARS,
    private readonly later: Later = afterFlushMs,
  ) {}

  get dropped(): number {
    return this.sink.dropped;
  }

  /** Written now, after the lines queued before it. */
  write(line: string): void {
    this.flush();
    this.sink.write(line);
  }

  /** Written with the other lines queued within FLUSH_MS of the first. */
  queue(line: string): void {
    this.pending += line;
    if (this.pending.length >= this.maxChars) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      this.later(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    const lines = this.pending;
    this.pending = '';
    this.sink.write(lines);
  }
}

class StdoutSink implements LogSink {
  dropped = 0;

  constructor() {
    // A failed write to a redirected stdout (ENOSPC) is an 'error' event: unhandled, it kills the process.
    process.stdout.on('error', () => this.dropped++);
    process.stderr.on('error', () => {});
  }

  write(line: string): void {
    try {
      process.stdout.write(line);
    } catch {
      this.dropped++;
    }
  }
}

export class RotatingFile implements LogSink {
  dropped = 0;
  private fd = -1;
  private size = 0;

  constructor(
    readonly file: string,
    private readonly maxBytes = ROTATE_BYTES,
    private readonly kept = KEPT_FILES,
  ) {}

  write(line: string): void {
    try {
      if (this.fd < 0) this.open();
      if (this.size + Buffer.byteLength(line) > this.maxBytes && this.size > 0) this.rotate();
      this.size += writeSync(this.fd, line);
    } catch {
      this.dropped++;
    }
  }

  private open(): void {
    this.fd = openSync(this.file, 'a', FILE_MODE);
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    closeSync(this.fd);
    this.fd = -1;
    for (let n = this.kept - 1; n >= 1; n--) {
      try {
        renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`); // the oldest is replaced: kept files stay at `kept`
      } catch {
        // not there yet
      }
    }
    renameSync(this.file, `${this.file}.1`);
    this.open();
  }
}
