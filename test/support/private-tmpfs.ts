// A small tmpfs mounted in a private mount namespace (`unshare -m`, as root), for tests that
// run services on a real filesystem that fills up. The namespace lives while its anchor
// lives: a shell that mounts the tmpfs and then becomes `sleep`. Processes started inside
// it with `nsenter` see the mount; the test reaches the same files from outside through
// /proc/<anchor>/root. Nothing is mounted where the rest of the machine can see it.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './http.js';

const run = promisify(execFile);

/** Why a private tmpfs cannot be had here (not root, no unshare, no CAP_SYS_ADMIN), or null. */
export function privateTmpfsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'it needs root (unshare -m and mount -t tmpfs)';
  for (const tool of ['unshare', 'nsenter']) {
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} (util-linux) is not installed`;
  }
  const dir = tempDir('tmpfs-probe-');
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0"', dir], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (probe.status === 0) return null;
  return `cannot mount a tmpfs in a private mount namespace: ${(probe.stderr || probe.error?.message || `exit ${probe.status}`).trim()}`;
}

export interface PrivateTmpfs {
  /** The mount point, as processes inside the namespace see it. */
  dir: string;
  /** The anchor's PID: what nsenter -t and /proc/<pid>/root name. */
  pid: number;
  /** A path inside the namespace, as this process reaches it. */
  outside(inside: string): string;
  /** Runs a program inside the namespace to completion (rejects on a non-zero exit, with its output). */
  run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<{ stdout: string; stderr: string }>;
  /** Writes a filler file until the filesystem has no block left (ENOSPC). */
  fill(): void;
  /** Deletes the filler: the space is back. */
  free(): void;
  /** Ends the namespace (stop what was started inside first: it keeps the mount alive). */
  close(): Promise<void>;
}

export async function mountPrivateTmpfs(sizeMiB: number): Promise<PrivateTmpfs> {
  const dir = path.join(tempDir('private-tmpfs-'), 'mnt');
  const anchor: ChildProcess = spawn(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', `mkdir -p "$0" && mount -t tmpfs -o size=${sizeMiB}m,mode=0700 tmpfs "$0" && echo mounted && exec sleep 1000000`, dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('mounted')) resolve();
    };
    anchor.stdout!.on('data', seen);
    anchor.stderr!.on('data', seen);
    anchor.once('exit', (code) => reject(new Error(`unshare exited with ${code} before mounting: ${output.trim()}`)));
  });
  const pid = anchor.pid!;
  const outside = (inside: string) => path.join(`/proc/${pid}/root`, inside);
  const filler = outside(path.join(dir, 'filler'));
  return {
    dir,
    pid,
    outside,
    // nsenter enters the mount namespace only: same network (loopback ports), same PIDs.
    run: (file, args, env, timeoutMs = 120_000) => run('nsenter', ['-t', String(pid), '-m', '--', file, ...args], { env, timeout: timeoutMs }),
    fill() {
      const fd = openSync(filler, 'a');
      try {
        // Big writes first, then a page at a time, until not one more block fits.
        for (const size of [1 << 20, 4096]) {
          const chunk = Buffer.alloc(size);
          for (;;) {
            try {
              if (writeSync(fd, chunk) < size) continue; // short: the next one fails
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
              break;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      unlinkSync(filler);
    },
    async close() {
      if (anchor.exitCode === null && anchor.signalCode === null) {
        const exited = new Promise((resolve) => anchor.once('exit', resolve));
        anchor.kill('SIGKILL');
        await exited;
      }
    },
  };
}
