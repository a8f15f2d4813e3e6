import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDataDir } from '../../../test/support/http.js';
import { isZombie, nonReapingParent } from '../../../test/support/non-reaping-parent.js';
import { LockError, acquireLock } from './lock.js';

const LOCK_MODULE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lock.js');

/**
 * A process that takes the lock on `dir`, under a parent that never reaps it
 * (test/support/non-reaping-parent.ts): once killed it stays a zombie, its PID still "alive"
 * to kill(pid, 0). Resolves once it holds the lock.
 */
async function holderUnderNonReapingParent(dir: string): Promise<{ pid: number; parent: () => Promise<void> }> {
  const marker = `${dir}.held`; // written once it holds the lock
  const script = `const { acquireLock } = await import(${JSON.stringify(LOCK_MODULE)}); await acquireLock(${JSON.stringify(dir)}); (await import('node:fs')).writeFileSync(${JSON.stringify(marker)}, ''); setInterval(() => {}, 1000);`;
  const parent = await nonReapingParent('"$0" --input-type=module -e "$1" & echo "holder $!"', [process.execPath, script], process.env);
  const pid = Number(/holder (\d+)/.exec(parent.output)![1]);
  for (let i = 0; i < 1000 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 20));
  if (!existsSync(marker)) {
    await parent.close([pid]);
    throw new Error('the holder never took the lock');
  }
  return { pid, parent: () => parent.close([pid]) };
}

describe('acquireLock()', () => {
  it('refuses a second holder while the first lives, naming the lock', async () => {
    const dir = tempDataDir();
    const release = await acquireLock(dir);
    await assert.rejects(acquireLock(dir), (e: Error) => e instanceof LockError && e.message.includes(path.join(dir, 'service.lock')));
    release();
    assert.equal(existsSync(path.join(dir, 'service.lock')), false, 'released: the socket file is gone');
    (await acquireLock(dir))();
  });

  it('is taken over at once from a holder killed with SIGKILL that is still an unreaped zombie', async function () {
    const dir = tempDataDir();
    const holder = await holderUnderNonReapingParent(dir);
    try {
      await assert.rejects(acquireLock(dir), LockError);
      process.kill(holder.pid, 'SIGKILL');
      for (let i = 0; i < 200 && !isZombie(holder.pid); i++) await new Promise((r) => setTimeout(r, 10));
      // its last threads may take a moment to close its files after it shows as a zombie
      let release: (() => void) | null = null;
      for (let i = 0; i < 100 && !release; i++) release = await acquireLock(dir).catch(() => new Promise<null>((r) => setTimeout(() => r(null), 20)));
      assert.ok(release, 'the lock was taken');
      assert.ok(isZombie(holder.pid), 'and its dead holder is still an unreaped zombie: its PID exists');
      release();
    } finally {
      await holder.parent();
    }
  });

  it('is taken over from a lock file naming a PID that now belongs to another live process', async () => {
    const dir = tempDataDir();
    writeFileSync(path.join(dir, 'service.lock'), `${process.ppid}\n`); // the old PID lock, its PID reused
    const release = await acquireLock(dir);
    release();
  });
});
