// One append-only file (a journal or a CSV log) as a group-commit sink: it remembers the
// length of what is known to be on disk, so a failed append can be cut off again, and
// it checks there is room before it says the file can be written again.
import { constants } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Sink } from './group-commit.js';
import { FILE_MODE } from './modes.js';
import type { StoreStats } from './registry.js';

/** Test hook: decides that a write fails after `bytes` bytes with errno `code`. */
export interface Faults {
  write?(chunk: string): { bytes: number; code: string } | undefined;
  /** An errno code to fail the repair's space check with, or undefined to let it run. */
  repair?(): string | undefined;
}

/** Free space a repair asks for before the file is written again (a write smaller than this then fits). */
const PROBE_BYTES = 64 * 1024;

/**
 * Read and append, created if missing ('a+'), and O_DSYNC: each write returns once its bytes
 * (and the file's new length) are on disk, as a write followed by fdatasync would. One call to
 * the thread pool per flush instead of two: on a busy 2-core machine each such round trip wakes
 * a thread and costs the event loop its core for a while, and a flush is made for every few
 * requests that write.
 */
const APPEND_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC;

export class AppendFile implements Sink {
  /** Bytes known to be on disk: everything after them is a failed append's leftovers. */
  goodLength = 0;

  private constructor(
    readonly file: string,
    readonly kind: StoreStats['kind'],
    private handle: FileHandle,
    private readonly faults: Faults,
  ) {}

  static async open(file: string, kind: StoreStats['kind'], faults: Faults = {}): Promise<AppendFile> {
    const handle = await open(file, APPEND_FLAGS, FILE_MODE);
    await handle.chmod(FILE_MODE);
    const sink = new AppendFile(file, kind, handle, faults);
    sink.goodLength = (await handle.stat()).size;
    return sink;
  }

  async write(chunk: string): Promise<void> {
    const fault = this.faults.write?.(chunk);
    if (fault) {
      await this.writeAll(Buffer.from(chunk).subarray(0, fault.bytes));
      throw errno(fault.code, `${fault.code}: injected fault, write`);
    }
    // An empty chunk (a durable read) has nothing to wait for: every earlier write was durable on return.
    const bytes = Buffer.from(chunk);
    await this.writeAll(bytes);
    this.goodLength += bytes.length;
  }

  /** Durable on return (O_DSYNC); a short write (a full disk mid-way) goes on with the rest until it fails. */
  private async writeAll(bytes: Buffer): Promise<void> {
    let done = 0;
    while (done < bytes.length) done += (await this.handle.write(bytes, done, bytes.length - done)).bytesWritten;
  }

  async repair(): Promise<void> {
    await this.truncate(this.goodLength);
    const code = this.faults.repair?.();
    if (code) throw errno(code, `${code}: injected fault, probe`);
    await probeSpace(path.dirname(this.file));
  }

  /** Cuts the file to `length` bytes, durably. */
  async truncate(length: number): Promise<void> {
    await this.handle.truncate(length);
    await this.handle.datasync();
    this.goodLength = length;
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => {});
  }
}

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

async function probeSpace(dir: string): Promise<void> {
  const probe = path.join(dir, `.space-probe.${process.pid}`);
  const handle = await open(probe, 'w', FILE_MODE);
  try {
    await handle.write(Buffer.alloc(PROBE_BYTES));
    await handle.sync();
  } finally {
    await handle.close().catch(() => {});
    await unlink(probe).catch(() => {});
  }
}
