import { randomFillSync } from 'node:crypto';

const ID_BYTES = 12;
// Random bytes are drawn a pool at a time: each randomBytes() call is a trip into OpenSSL
// (and a getpid() system call, its fork check), which was 2% of loans' time on a borrow.
// Node's own randomUUID() caches the same way.
const pool = Buffer.alloc(ID_BYTES * 256);
let next = pool.length;

/** A random id for operations and requests: 16 url-safe characters (96 bits). */
export function randomId(prefix = ''): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const id = pool.toString('base64url', next, next + ID_BYTES);
  next += ID_BYTES;
  return prefix + id;
}
