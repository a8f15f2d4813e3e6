// The librarian's account subcommands against the real users service (through the gateway).
import assert from 'node:assert/strict';
import { runCli } from '../run.js';
import { captureIo } from '../../test/fixtures/cli-io.js';
import { ADMIN_PASSWORD, useLibrary } from '../../test/fixtures/cli-services.js';

describe('users subcommands (librarians)', function () {
  this.timeout(30_000);
  const t = useLibrary();

  async function cli(argv: string[], input?: string, home = t.home) {
    const io = captureIo({ LIBRARY_URL: t.library.url, XDG_CONFIG_HOME: home, NO_COLOR: '1' }, input);
    const code = await runCli(argv, io);
    return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
  }

  it('lists by role and words, shows, disables, enables, changes the role and resets the password', async () => {
    const register = await cli(['register', 'wilma', '--name', 'Wilma Reader', '--email', 'wilma@example.org', '--password-stdin'], 'wilma-password-1\n', `${t.home}/wilma`);
    assert.equal(register.code, 0, register.stderr);
    assert.equal((await cli(['login', 'admin', '--password-stdin'], `${ADMIN_PASSWORD}\n`)).code, 0);

    const listed = await cli(['users', '--role', 'member', '--q', 'wilma', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const members = JSON.parse(listed.stdout) as { items: { username: string }[] };
    assert.deepEqual(members.items.map((u) => u.username), ['wilma']);
    const librarians = JSON.parse((await cli(['users', '--role', 'librarian', '--json'])).stdout) as { items: { role: string }[] };
    assert.ok(librarians.items.length > 0 && librarians.items.every((u) => u.role === 'librarian'));

    assert.match((await cli(['users', 'show', 'wilma'])).stdout, /wilma \(member\)[\s\S]*Wilma Reader/);
    const disabled = await cli(['users', 'disable', 'wilma']);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.equal((await cli(['login', 'wilma', '--password-stdin'], 'wilma-password-1\n', `${t.home}/wilma`)).code, 1, 'a disabled account cannot log in');
    assert.equal((await cli(['users', 'enable', 'wilma'])).code, 0);
    assert.equal((await cli(['login', 'wilma', '--password-stdin'], 'wilma-password-1\n', `${t.home}/wilma`)).code, 0);

    const promoted = JSON.parse((await cli(['users', 'role', 'wilma', 'librarian', '--json'])).stdout) as { role: string };
    assert.equal(promoted.role, 'librarian');
    assert.equal((await cli(['users', 'role', 'wilma', 'member'])).code, 0);
    assert.equal((await cli(['users', 'role', 'wilma', 'boss'])).code, 2);

    const reset = await cli(['users', 'reset-password', 'wilma', '--json']);
    assert.equal(reset.code, 0, reset.stderr);
    const { password } = JSON.parse(reset.stdout) as { password: string };
    assert.ok(password.length >= 10);
    assert.equal((await cli(['login', 'wilma', '--password-stdin'], 'wilma-password-1\n', `${t.home}/wilma`)).code, 1, 'the old password is gone');
    assert.equal((await cli(['login', 'wilma', '--password-stdin'], `${password}\n`, `${t.home}/wilma`)).code, 0);
    assert.equal((await cli(['users', 'show', 'nobody-here'])).code, 1);
  });
});
