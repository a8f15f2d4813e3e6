// Files and folders under DATA_DIR are private to the service's user whatever the umask
// (password hashes, the token secret, journals anyone could append a librarian to).
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** mkdir -p with 0700, also fixing the mode of each folder it creates or finds below `root`. */
export function makePrivateDir(dir: string, root?: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  // mkdir's mode is cut by the umask, and folders that exist keep theirs: set it explicitly.
  const stop = path.resolve(root ?? dir);
  let at = path.resolve(dir);
  chmodSync(at, DIR_MODE);
  while (at !== stop && at.startsWith(stop + path.sep)) {
    at = path.dirname(at);
    chmodSync(at, DIR_MODE);
  }
}
