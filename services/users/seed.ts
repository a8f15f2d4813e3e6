// setup.sh's part for users: the first librarian, `admin`, created once. Its password is
// LIBRARY_ADMIN_PASSWORD or a random one, printed this one time only (only its hash is
// kept). Existing accounts are never touched, so running setup again changes nothing.
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../shared/config.js';
import type { SeedOptions, SeedResult } from '../shared/seed.js';
import { LockError, acquireLock } from '../shared/store/lock.js';
import { UNLOCKED } from './lockout.js';
import { hashPassword } from './password.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './schemas.js';
import { STORE_NAME, openUsersStore, type StoredUser } from './store.js';

export const ADMIN_USERNAME = 'admin';
/** Marks setup's line with the new librarian's password: its only showing (ops/setup.ts). */
export const SHOWN_ONCE = '(shown once)';
// Letters and digits without look-alikes (0/O, 1/l/I): easy to copy and to type.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const RANDOM_LENGTH = 20;

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const dir = path.join(options.dataDir, 'users');
  const password = adminPassword(options.env); // a bad LIBRARY_ADMIN_PASSWORD fails before anything is written
  mkdirSync(dir, { recursive: true });
  let release: () => void;
  try {
    release = await acquireLock(dir);
  } catch (error) {
    // A running users service owns the files, so they exist; setup leaves them be.
    if (error instanceof LockError && existsSync(path.join(dir, `${STORE_NAME}.journal`))) {
      return ['users: kept existing data (the users service is running)'];
    }
    throw error;
  }
  try {
    return [await seedStore(dir, password)];
  } finally {
    release();
  }
}

async function seedStore(dir: string, password: string): Promise<string> {
  const store = await openUsersStore(dir);
  try {
    const existing = store.count('users');
    if (existing > 0) return `users: kept existing data (${existing} user${existing === 1 ? '' : 's'})`;
    const at = new Date().toISOString();
    const admin: StoredUser = {
      username: ADMIN_USERNAME,
      name: 'Library administrator',
      email: 'admin@library.example',
      role: 'librarian',
      active: true,
      createdAt: at,
      updatedAt: at,
      passwordHash: await hashPassword(password),
      ...UNLOCKED,
    };
    await store.change((tx) => tx.put('users', admin.username, admin));
    await store.compact(); // leaves a readable users.json rather than only a journal line
    return `users: created librarian ${ADMIN_USERNAME}, password: ${password} ${SHOWN_ONCE}`;
  } finally {
    await store.close();
  }
}

/** Setup asks every service's settings before it writes anything (ops/setup.ts). */
export function check(options: SeedOptions): void {
  if (options.env.LIBRARY_ADMIN_PASSWORD) adminPassword(options.env);
}

function adminPassword(env: SeedOptions['env']): string {
  const given = env.LIBRARY_ADMIN_PASSWORD;
  if (given === undefined || given === '') return randomPassword();
  if (given.length < PASSWORD_MIN || given.length > PASSWORD_MAX || given.trim() === '') {
    throw new ConfigError(`LIBRARY_ADMIN_PASSWORD must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not all blank`);
  }
  return given;
}

function randomPassword(): string {
  return Array.from({ length: RANDOM_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
