import assert from 'node:assert/strict';
import { freePort } from '../test/support/http.js';
import { runCli } from './run.js';
import { freshIsbn } from '../test/fixtures/cli-books.js';
import { captureIo } from '../test/fixtures/cli-io.js';
import { ADMIN_PASSWORD, useLibrary } from '../test/fixtures/cli-services.js';

describe('runCli: exit codes and output', function () {
  const t = useLibrary();

  async function cli(argv: string[], options: { input?: string; url?: string } = {}) {
    const io = captureIo({ LIBRARY_URL: options.url ?? t.library.url, XDG_CONFIG_HOME: t.home, NO_COLOR: '1' }, options.input);
    const code = await runCli(argv, io);
    return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
  }

  const oneLine = (text: string) => assert.equal(text.trimEnd().split('\n').length, 1, `one line expected, got:\n${text}`);

  it('0: search --json prints the API page and nothing else', async () => {
    const { code, stdout, stderr } = await cli(['search', 'clean', 'code', '--json']);
    assert.equal(code, 0, stderr);
    const page = JSON.parse(stdout) as { items: { title: string }[]; total: number };
    assert.ok(page.items.some((b) => b.title.startsWith('Clean Code')));
    assert.equal(stderr, '');
  });

  it('1: a refusal prints the problem title and detail on one stderr line', async () => {
    const { code, stdout, stderr } = await cli(['info', 'bk-999999']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    oneLine(stderr);
    assert.match(stderr, /^library: Not found: .*bk-999999/);
  });

  const usage: [string, string[], RegExp][] = [
    ['a missing argument without a terminal', ['info'], /missing the book id/],
    ['an unknown subcommand', ['borrowz'], /unknown command 'borrowz'.*\(see: library --help\)/],
    ['an unknown option', ['search', '--colour'], /unknown option '--colour'.*\(see: library search --help\)/],
    ['a bad number', ['search', '--limit', '0'], /--limit.*\(see: library search --help\)/],
    ['a bad number in a nested command', ['copies', 'add', 'bk-1', '--count', '500'], /--count.*\(see: library copies add --help\)/],
    ['a group without its subcommand', ['books'], /Usage: library books/],
    ['a removal not confirmed in a script', ['books', 'remove', 'bk-1'], /--yes/],
    ['books add without its fields', ['books', 'add', '--title', 'X'], /missing --author, --isbn, --topic, --price/],
    ['a login with no way to read the password', ['login', 'admin'], /--password-stdin/],
    // commander hands a --json after the subcommand to the parent when both declare it
    ['--json for a CSV report on stdout (loans export)', ['loans', 'export', '--json'], /--json needs --output FILE.*\(see: library loans export --help\)/],
    ['--json for a CSV report on stdout (orders export)', ['orders', 'export', '--json'], /--json needs --output FILE.*\(see: library orders export --help\)/],
  ];
  for (const [what, argv, message] of usage) {
    it(`2: ${what}`, async () => {
      const { code, stderr } = await cli(argv);
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
      if (argv[0] !== 'books' || argv.length > 1) oneLine(stderr);
    });
  }

  it('2: no subcommand and no terminal prints help to stderr', async () => {
    const { code, stdout, stderr } = await cli([]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /Usage: library/);
  });

  it('0: --help shows examples and the exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /Examples:/);
    assert.match(stdout, /Exit codes: 0 done, 1 refused by a service, 2 bad usage, 3/);
  });

  it('3: nothing listening at LIBRARY_URL names the address', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const { code, stderr } = await cli(['search', 'clean'], { url });
    assert.equal(code, 3);
    oneLine(stderr);
    assert.ok(stderr.includes(url), stderr);
  });

  it('3: status prints the table, then names the services that are down', async () => {
    const { code, stdout, stderr } = await cli(['status']);
    assert.equal(code, 3);
    assert.match(stdout, /^catalog\s+up\s/m);
    assert.match(stderr, /down: .*loans/);
  });

  it('login --password-stdin keeps a session that whoami then uses', async () => {
    const login = await cli(['login', 'admin', '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Logged in as admin \(librarian\)/);
    const whoami = await cli(['whoami', '--json']);
    assert.equal(whoami.code, 0, whoami.stderr);
    assert.equal(JSON.parse(whoami.stdout).username, 'admin');
  });

  it('books add from flags, then users --json, work with the saved session', async () => {
    await cli(['login', 'admin', '--password-stdin'], { input: ADMIN_PASSWORD });
    const isbn = freshIsbn();
    const added = await cli(['books', 'add', '--title', 'Quokka Patterns', '--author', 'Ann One', '--author', 'Bo Two', '--isbn', isbn, '--topic', 'testing', '--year', '2020', '--price', '12.50', '--json']);
    assert.equal(added.code, 0, added.stderr);
    const book = JSON.parse(added.stdout);
    assert.deepEqual(book.authors, ['Ann One', 'Bo Two']);
    assert.equal(book.price, 12.5);
    const found = await cli(['search', 'quokka', 'patterns']);
    assert.match(found.stdout, new RegExp(`${book.id}.*Quokka Patterns`));
    const users = await cli(['users', '--limit', '5', '--json']);
    assert.equal(users.code, 0, users.stderr);
    assert.ok(JSON.parse(users.stdout).items.some((u: { username: string }) => u.username === 'admin'));
  });

  it('prints what a service sent with control characters removed: users tables, lines and errors', async () => {
    const hostile = '\u001b]0;PWNED\u0007\u001b[2J';
    const json = { username: 'mallory', password: 'mallory-password', name: `Mal${hostile}lory\u202E`, email: 'mallory@example.org' };
    assert.equal((await fetch(`${t.library.url}/api/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) })).status, 201);
    await cli(['login', 'admin', '--password-stdin'], { input: ADMIN_PASSWORD });
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/; // tabs are the piped table's own
    const listed = await cli(['users', '--limit', '100']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /mallory\s+Mallory/);
    assert.doesNotMatch(listed.stdout, controls);
    const refused = await cli(['info', `bk-${hostile}`]);
    assert.equal(refused.code, 1);
    assert.doesNotMatch(refused.stderr, controls);
    const asJson = await cli(['users', '--limit', '100', '--json']);
    assert.ok(JSON.parse(asJson.stdout).items.some((u: { name: string }) => u.name === json.name), 'the JSON keeps the data, escaped');
    assert.doesNotMatch(asJson.stdout, controls);
  });

  it('1: a wrong password read from stdin is refused', async () => {
    const { code, stderr } = await cli(['login', 'admin', '--password-stdin'], { input: 'wrong-password\n' });
    assert.equal(code, 1);
    oneLine(stderr);
  });
});
