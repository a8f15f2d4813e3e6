import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDataDir } from '../../../test/support/http.js';
import { LockError, acquireLock } from './lock.js';

const LOCK_MODULE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lock.js');

/**
 * A process that takes the lock on `dir`, run under a shell that then becomes `sleep` and
 * never reaps it: once killed it stays a zombie, its PID still "alive" to kill(pid, 0).
 */
async function holderUnderNonReapingParent(dir: string): Promise<{ pid: number; parent: () => void }> {
  const script = `const { acquireLock } = await import(${JSON.stringify(LOCK_MODULE)}); await acquireLock(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const shell = spawn('sh', ['-c', `"$0" --input-type=module -e "$1" & echo "$!"; exec sleep 60`, process.execPath, script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  shell.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    shell.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('locked')) resolve();
    });
    shell.once('exit', () => reject(new Error(`the lock holder exited: ${out}`)));
  });
  const pid = Number.parseInt(out, 10);
  const parent = () => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already dead
    }
    shell.kill('SIGKILL');
  };
  return { pid, parent };
}

function state(pid: number): string {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0];
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
      for (let i = 0; i < 200 && state(holder.pid) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 10));
      // its last threads may take a moment to close its files after it shows as a zombie
      let release: (() => void) | null = null;
      for (let i = 0; i < 100 && !release; i++) release = await acquireLock(dir).catch(() => new Promise<null>((r) => setTimeout(() => r(null), 20)));
      assert.ok(release, 'the lock was taken');
      assert.equal(state(holder.pid), 'Z', 'and its dead holder is still an unreaped zombie: its PID exists');
      release();
    } finally {
      holder.parent();
    }
  });

  it('is taken over from a lock file naming a PID that now belongs to another live process', async () => {
    const dir = tempDataDir();
    writeFileSync(path.join(dir, 'service.lock'), `${process.ppid}\n`); // the old PID lock, its PID reused
    const release = await acquireLock(dir);
    release();
  });
});
