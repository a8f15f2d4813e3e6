// One append-only file (a journal or a CSV log) as a group-commit sink: it remembers the
// length of what is known to be on disk, so a failed append can be cut off again, and
// it checks there is room before it says the file can be written again.
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
    const handle = await open(file, 'a+', FILE_MODE);
    await handle.chmod(FILE_MODE);
    const sink = new AppendFile(file, kind, handle, faults);
    sink.goodLength = (await handle.stat()).size;
    return sink;
  }

  async write(chunk: string): Promise<void> {
    const fault = this.faults.write?.(chunk);
    if (fault) {
      await this.handle.appendFile(Buffer.from(chunk).subarray(0, fault.bytes));
      throw errno(fault.code, `${fault.code}: injected fault, write`);
    }
    if (chunk.length > 0) await this.handle.appendFile(chunk);
    await this.handle.datasync();
    this.goodLength += Buffer.byteLength(chunk);
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
