import assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import type { LoginResponse } from './api/types.js';
import { SessionStore, sessionPath } from './session.js';
import { tempConfigHome } from '../test/fixtures/cli-io.js';

function loginReply(username: string, expiresAt: string): LoginResponse {
  const now = new Date().toISOString();
  return { token: `token-of-${username}`, expiresAt, user: { username, name: username, email: `${username}@x.org`, role: 'member', active: true, createdAt: now, updatedAt: now } };
}

/** A token whose payload names `sub` and `role`; the client reads it, it does not verify it. */
function unsignedToken(sub: string, role: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ sub, role, exp: Math.floor(Date.now() / 1000) + 60 })}.sig`;
}

describe('SessionStore', function () {
  let home: ReturnType<typeof tempConfigHome>;
  beforeEach(() => {
    home = tempConfigHome();
  });
  afterEach(() => home.remove());

  it('lives in $XDG_CONFIG_HOME/library/session.json, else ~/.config/library/session.json', () => {
    assert.equal(sessionPath({ XDG_CONFIG_HOME: '/x/conf', HOME: '/home/u' }), '/x/conf/library/session.json');
    assert.equal(sessionPath({ HOME: '/home/u' }), '/home/u/.config/library/session.json');
    assert.equal(sessionPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' }), '/home/u/.config/library/session.json');
  });

  it('tightens an existing folder to 0700 and writes the file 0600', () => {
    const dir = path.join(home.dir, 'library');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const store = new SessionStore({ XDG_CONFIG_HOME: home.dir });
    store.save(loginReply('alice', new Date(Date.now() + 60_000).toISOString()), 'http://127.0.0.1:5000');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(store.file).mode & 0o777, 0o600);
    assert.equal(store.current()?.user.username, 'alice');
  });

  it('treats an expired session as logged out', () => {
    const store = new SessionStore({ XDG_CONFIG_HOME: home.dir });
    store.save(loginReply('bob', new Date(Date.now() - 1000).toISOString()), 'http://x');
    assert.equal(store.current(), null);
    assert.equal(store.token(), undefined);
    assert.equal(store.read()?.user.username, 'bob', 'the file itself is still there');
  });

  it('prefers LIBRARY_TOKEN and reads the user it names from its payload', () => {
    new SessionStore({ XDG_CONFIG_HOME: home.dir }).save(loginReply('carol', new Date(Date.now() + 60_000).toISOString()), 'http://x');
    const token = unsignedToken('dave', 'librarian');
    const current = new SessionStore({ XDG_CONFIG_HOME: home.dir, LIBRARY_TOKEN: token }).current();
    assert.equal(current?.token, token);
    assert.equal(current?.source, 'LIBRARY_TOKEN');
    assert.deepEqual(current?.user, { username: 'dave', role: 'librarian' });
  });

  it('ignores a session file that is not JSON, and clear() removes it', () => {
    const store = new SessionStore({ XDG_CONFIG_HOME: home.dir });
    mkdirSync(path.dirname(store.file), { recursive: true });
    writeFileSync(store.file, '{ not json');
    assert.equal(store.current(), null);
    assert.equal(store.clear(), false);
    assert.throws(() => statSync(store.file));
  });
});
