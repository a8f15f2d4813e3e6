import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { snapshotFiles, tempDataDir } from '../../test/support/http.js';
import { ConfigError } from '../shared/config.js';
import { verifyPassword } from './password.js';
import { seed } from './seed.js';
import { openUsersStore } from './store.js';

const seedOnce = (dataDir: string, env: Record<string, string> = {}) => seed({ dataDir, seedDir: path.join(dataDir, 'none'), env });

async function storedAdmin(dataDir: string) {
  const store = await openUsersStore(path.join(dataDir, 'users'));
  try {
    return { admin: store.get('users', 'admin'), count: store.count('users') };
  } finally {
    await store.close();
  }
}

describe('users seed()', () => {
  it('creates the librarian admin with LIBRARY_ADMIN_PASSWORD and shows it once', async () => {
    const dataDir = tempDataDir();
    const lines = await seedOnce(dataDir, { LIBRARY_ADMIN_PASSWORD: 'the-admin-password' });
    assert.deepEqual(lines, ['users: created librarian admin, password: the-admin-password (shown once)']);
    const { admin, count } = await storedAdmin(dataDir);
    assert.equal(count, 1);
    assert.equal(admin!.role, 'librarian');
    assert.equal(admin!.active, true);
    assert.equal(await verifyPassword(admin!.passwordHash, 'the-admin-password'), true);
    assert.ok(existsSync(path.join(dataDir, 'users', 'users.json')));
  });

  it('makes up a random printable password of at least 16 characters when none is given', async () => {
    const dataDir = tempDataDir();
    const [line] = await seedOnce(dataDir);
    const password = /password: (\S+) \(shown once\)$/.exec(line)?.[1];
    assert.ok(password && password.length >= 16 && /^[\x21-\x7e]+$/.test(password), line);
    const { admin } = await storedAdmin(dataDir);
    assert.equal(await verifyPassword(admin!.passwordHash, password), true);
    const [other] = await seedOnce(tempDataDir());
    assert.notEqual(/password: (\S+)/.exec(other)?.[1], password);
  });

  it('keeps existing data on a second run, byte for byte, and does not show a password again', async () => {
    const dataDir = tempDataDir();
    await seedOnce(dataDir, { LIBRARY_ADMIN_PASSWORD: 'the-admin-password' });
    const before = snapshotFiles(dataDir);
    const lines = await seedOnce(dataDir, { LIBRARY_ADMIN_PASSWORD: 'a-different-password' });
    assert.deepEqual(lines, ['users: kept existing data (1 user)']);
    assert.deepEqual(snapshotFiles(dataDir), before);
    assert.equal(await verifyPassword((await storedAdmin(dataDir)).admin!.passwordHash, 'the-admin-password'), true);
  });

  it('keeps live accounts even when admin is not among them', async () => {
    const dataDir = tempDataDir();
    const store = await openUsersStore(path.join(dataDir, 'users'));
    const at = new Date().toISOString();
    const base = { name: 'X', email: 'x@example.org', role: 'member' as const, active: true, createdAt: at, updatedAt: at };
    await store.change((tx) => {
      for (const username of ['xena', 'yann']) tx.put('users', username, { ...base, username, passwordHash: 'h', lockedUntil: null });
    });
    await store.close();
    assert.deepEqual(await seedOnce(dataDir), ['users: kept existing data (2 users)']);
    assert.equal((await storedAdmin(dataDir)).admin, undefined);
  });

  it('refuses a LIBRARY_ADMIN_PASSWORD shorter than 10 characters before writing anything', async () => {
    const dataDir = tempDataDir();
    const before = snapshotFiles(dataDir);
    await assert.rejects(seedOnce(dataDir, { LIBRARY_ADMIN_PASSWORD: 'short' }), ConfigError);
    assert.deepEqual(snapshotFiles(dataDir), before);
    assert.equal(existsSync(path.join(dataDir, 'users')), false);
  });
});
