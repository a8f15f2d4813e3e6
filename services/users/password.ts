// Password hashing: argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane). The PHC
// string keeps the parameters beside the hash, so hashes made with weaker settings can
// still be checked, and are replaced at the next successful login.
import { argon2id, hash, verify } from 'argon2';
import { randomBytes } from 'node:crypto';

export const HASH_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Each argon2 run holds 19 MiB: at most two at once (this machine has two cores, so more
 * would not be faster) keeps the service's memory bounded under a burst of logins.
 */
const MAX_HASHES_AT_ONCE = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function hashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_HASHES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight on
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return hashSlot(() => hash(password, { type: argon2id, ...HASH_PARAMS }));
}

/** False for a wrong password, and for a stored hash that is not a readable argon2 string. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await hashSlot(() => verify(stored, password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Does the work of a verification against a hash nobody can match, so that a login for
 * an unknown user takes as long as one for a known user with a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when `stored` was made with another variant, an older version, or less memory or time. */
export function isWeakerThanCurrent(stored: string): boolean {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([^$]+)\$/.exec(stored);
  if (!match) return true;
  const [, variant, version, paramText] = match;
  const params = new Map(paramText.split(',').map((pair) => pair.split('=') as [string, string]));
  const memory = Number(params.get('m'));
  const time = Number(params.get('t'));
  return (
    variant !== 'argon2id' ||
    Number(version) < 0x13 ||
    !(memory >= HASH_PARAMS.memoryCost) ||
    !(time >= HASH_PARAMS.timeCost)
  );
}
