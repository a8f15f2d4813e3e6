// The one answer to a write the disk did not take (full, failing, read-only): 503
// /problems/storage-unavailable naming the cause. Refusals (a Problem thrown inside a
// change) keep their own status; this one means "nothing was written, try again later".
import path from 'node:path';
import { Problem } from '../problem.js';

export class StorageUnavailable extends Problem {
  constructor(
    readonly file: string,
    override readonly cause: NodeJS.ErrnoException,
  ) {
    const code = cause.code ?? 'EIO';
    super(503, 'storage-unavailable', 'Storage unavailable', `writing ${path.basename(file)} failed (${code}: ${describe(code)}); nothing was written, try again later`, { cause: code });
  }
}

function describe(code: string): string {
  switch (code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EIO':
      return 'input/output error';
    case 'EROFS':
      return 'read-only file system';
    default:
      return 'the file could not be written';
  }
}
