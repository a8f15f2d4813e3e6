// One process writes a service's files. The lock is a Unix socket listening at
// DIR/service.lock: the kernel closes it when its holder dies, however it dies, so a
// lock is never held by a dead process — not by a zombie nobody has reaped, not by a PID
// that now belongs to another program. A socket file whose connect() is refused is a
// dead holder's leftover and is removed.
import { createHash } from 'node:crypto';
import { chmodSync, realpathSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import path from 'node:path';
import { FILE_MODE } from './modes.js';

export class LockError extends Error {}

/** Longest socket path the kernel takes (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

/** The socket address of DIR's lock: DIR/service.lock, or for a folder too deep for a socket path an abstract socket (Linux) named after it. */
function lockAddress(dir: string, file: string): string {
  return Buffer.byteLength(file) <= MAX_SOCKET_PATH ? file : `\0library-lock-${createHash('sha256').update(realpathSync(dir)).digest('hex')}`;
}

/**
 * Whether a live process holds DIR's lock now (for startup.sh, which asks before it starts
 * anything: the lock, not a PID file, says whether a service runs on these files).
 */
export async function lockHeld(dir: string): Promise<boolean> {
  try {
    return await answers(lockAddress(dir, path.join(dir, 'service.lock')));
  } catch {
    return false; // no such folder yet
  }
}

/** Takes DIR/service.lock or throws a LockError naming it; resolves to the release function. */
export async function acquireLock(dir: string): Promise<() => void> {
  const file = path.join(dir, 'service.lock');
  const address = lockAddress(dir, file);
  for (let attempt = 0; attempt < 3; attempt++) {
    const server = createServer((socket) => socket.destroy());
    const error = await listen(server, address);
    if (!error) {
      if (address === file) chmodSync(file, FILE_MODE);
      server.unref(); // the lock never keeps a process alive
      let released = false;
      return () => {
        if (released) return;
        released = true;
        server.close(); // removes the socket file
      };
    }
    if (error.code !== 'EADDRINUSE') throw new LockError(`cannot take the lock ${file}: ${error.message}`);
    if (await answers(address)) {
      throw new LockError(`${dir} is already in use by a running process (its lock ${file} answers); stop that process first`);
    }
    try {
      unlinkSync(file); // nobody listens: its holder is dead
    } catch {
      // gone already: someone else cleared it first; try again
    }
  }
  throw new LockError(`could not take the lock ${file}`);
}

function listen(server: Server, address: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    server.once('error', resolve);
    server.listen(address, () => {
      server.removeListener('error', resolve);
      resolve(null);
    });
  });
}

/** Whether a process listens at `address`: connect() succeeds only while its holder lives. */
function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT' && error.code !== 'ENOTSOCK'));
  });
}
