import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { ApiProblem } from '../api/errors.js';
import { ADMIN_PASSWORD, useLibrary } from '../../test/fixtures/cli-services.js';
import { testContext } from '../../test/fixtures/cli-io.js';
import { runLogin, runLogout, runRegister, runWhoami } from './account.js';
import { runUsers } from './users.js';

describe('account actions (login, logout, whoami, register)', function () {
  const t = useLibrary();

  const ctx = (json = false) => testContext(t.library.url, t.home, { json });

  it('login keeps the token in a 0600 session file inside a 0700 folder', async () => {
    const reply = await runLogin(ctx(), { username: 'admin', password: ADMIN_PASSWORD });
    const file = path.join(t.home, 'library', 'session.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.equal(ctx().session.read()?.token, reply.token);
  });

  it('whoami after login answers with the user the users service knows', async () => {
    await runLogin(ctx(), { username: 'admin', password: ADMIN_PASSWORD });
    const c = ctx(true);
    const user = await runWhoami(c);
    assert.equal(user.username, 'admin');
    assert.equal(user.role, 'librarian');
    assert.deepEqual(JSON.parse(c.io.stdoutText()), user);
  });

  it('a wrong password is refused with 401 and writes no session', async () => {
    const error = await runLogin(ctx(), { username: 'admin', password: 'not-the-password' }).catch((e: unknown) => e);
    assert.ok(error instanceof ApiProblem && error.status === 401, String(error));
    assert.equal(ctx().session.read(), null);
  });

  it('logout forgets the session, after which whoami is refused with 401', async () => {
    await runLogin(ctx(), { username: 'admin', password: ADMIN_PASSWORD });
    const result = await runLogout(ctx());
    assert.equal(result.loggedOut, true);
    const error = await runWhoami(ctx()).catch((e: unknown) => e);
    assert.ok(error instanceof ApiProblem && error.status === 401, String(error));
  });

  it('register makes a member who can log in but may not list users', async () => {
    const username = `reader${Date.now() % 100000}`;
    const password = 'a-long-enough-password';
    const user = await runRegister(ctx(), { username, password, name: 'A Reader', email: `${username}@example.org` });
    assert.equal(user.role, 'member');
    assert.equal((user as unknown as Record<string, unknown>).password, undefined);
    await runLogin(ctx(), { username, password });
    assert.equal((await runWhoami(ctx())).username, username);
    const refused = await runUsers(ctx(), {}).catch((e: unknown) => e);
    assert.ok(refused instanceof ApiProblem && refused.status === 403, String(refused));
  });

  it('LIBRARY_TOKEN wins over the session file', async () => {
    const admin = await runLogin(ctx(), { username: 'admin', password: ADMIN_PASSWORD });
    const username = `tokened${Date.now() % 100000}`;
    await runRegister(ctx(), { username, password: 'another-long-password', name: 'T', email: `${username}@example.org` });
    const member = await runLogin(testContext(t.library.url, `${t.home}/other`), { username, password: 'another-long-password' });
    const c = testContext(t.library.url, t.home, { env: { LIBRARY_TOKEN: member.token } });
    assert.equal((await runWhoami(c)).username, username);
    assert.equal(ctx().session.read()?.token, admin.token, 'the file is left as it was');
  });
});
