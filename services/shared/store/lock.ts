// One process writes a service's files. The lock file holds the owner's pid; a lock
// left by a process that no longer exists (kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class LockError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes DIR/service.lock or throws a LockError naming it; returns the release function. */
export function acquireLock(dir: string): () => void {
  const file = path.join(dir, 'service.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release); // a process that locks and releases often (setup, tests) keeps no stale listeners
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new LockError(`${dir} is already in use by process ${owner} (lock file ${file}); stop that process first`);
    }
    try {
      unlinkSync(file); // stale: its owner is gone
    } catch {
      // someone else took it over first; try again
    }
  }
  throw new LockError(`could not take the lock file ${file}`);
}
