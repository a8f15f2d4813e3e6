// The real client against the real stack, started as a user starts it (setup, then
// ./startup.sh --detach), as scripts use it and, under tmux, as a person does.
import assert from 'node:assert/strict';
import { freshIsbn } from '../fixtures/cli-books.js';
import { freePort } from '../support/http.js';
import { REPO_ROOT } from '../support/processes.js';
import { CLIENT, STACK_ADMIN_PASSWORD, useFullStack } from '../support/stack.js';
import { startTmux, type TmuxSession } from '../support/tmux.js';

describe('library (the terminal client) end to end', function () {
  this.timeout(60_000);
  const stack = useFullStack();

  // Its speed is measured by `npm run bench`, not asserted here.
  it('search clean --json finds Clean Code', async () => {
    const run = await stack().client(['search', 'clean', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const page = JSON.parse(run.stdout) as { items: { title: string }[] };
    assert.ok(page.items.some((b) => b.title.startsWith('Clean Code')), run.stdout);
  });

  it('status shows every service up and exits 0', async () => {
    const run = await stack().client(['status']);
    assert.equal(run.code, 0, run.stderr);
    for (const name of ['gateway', 'catalog', 'users', 'loans', 'inventory', 'orders', 'availability']) {
      assert.match(run.stdout, new RegExp(`^${name}\\s+up\\s`, 'm'));
    }
  });

  it('logs in as admin with --password-stdin, adds a book, and search then finds it', async () => {
    const login = await stack().client(['login', 'admin', '--password-stdin'], { input: `${STACK_ADMIN_PASSWORD}\n` });
    assert.equal(login.code, 0, login.stderr);
    const isbn = freshIsbn();
    const add = await stack().client(['books', 'add', '--title', 'Quantum Bookbinding for Beginners', '--author', 'Thomas H. Cormen', '--isbn', isbn, '--topic', 'algorithms', '--year', '2009', '--price', '89.5', '--json']);
    assert.equal(add.code, 0, add.stderr);
    const book = JSON.parse(add.stdout) as { id: string };
    const found = await stack().client(['search', 'quantum', 'bookbinding', '--json']);
    assert.deepEqual((JSON.parse(found.stdout) as { items: { id: string }[] }).items.map((b) => b.id), [book.id]);
    const again = await stack().client(['books', 'add', '--title', 'Twice', '--author', 'X', '--isbn', isbn, '--topic', 'algorithms', '--price', '1']);
    assert.equal(again.code, 1, 'a duplicate ISBN is a refusal');
    assert.equal(again.stderr.trimEnd().split('\n').length, 1, again.stderr);
  });

  it('exits 2 on bad usage, with one line on stderr', async () => {
    const run = await stack().client(['info']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^library: info: missing the book id/);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1);
  });

  it('exits 1 when a service refuses, printing the problem', async () => {
    const run = await stack().client(['books', 'remove', 'bk-1', '--yes'], { env: { XDG_CONFIG_HOME: `${stack().configHome}/nobody` } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^library: Not logged in \(log in with: library login\)$/m);
  });

  it('exits 3 naming the address when nothing listens at LIBRARY_URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await stack().client(['search', 'clean'], { env: { LIBRARY_URL: url } });
    assert.equal(run.code, 3);
    assert.ok(run.stderr.includes(url), run.stderr);
  });

  describe('the menu, on a terminal (tmux)', function () {
    let tmux: TmuxSession | undefined;
    afterEach(async () => {
      await tmux?.kill();
      tmux = undefined;
    });

    it('searches, opens a book and exits', async () => {
      tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv({ XDG_CONFIG_HOME: `${stack().configHome}/menu` }), cwd: REPO_ROOT });
      await tmux.waitFor('Library — not logged in');
      await tmux.choose('Search books');
      await tmux.waitFor('Search for');
      await tmux.type('clean code');
      await tmux.press('Enter');
      await tmux.waitFor('Open a book');
      await tmux.choose(/Clean Code: A Handbook/);
      const details = await tmux.waitFor(/ISBN\s+9780132350884/);
      assert.match(details, /Robert C\. Martin/);
      assert.match(details, /in stock/);
      await tmux.waitFor(/❯ Search books/); // back at the main menu
      await tmux.choose('Exit');
      assert.equal(await tmux.waitForExit(), 0);
      assert.match(await tmux.screen(), /Goodbye\./);
    });

    it('logs in with a masked password, shows the librarian tools, and logs out', async () => {
      tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv({ XDG_CONFIG_HOME: `${stack().configHome}/menu-login` }), cwd: REPO_ROOT });
      await tmux.waitFor('Library — not logged in');
      assert.doesNotMatch(await tmux.screen(), /Librarian tools/);
      await tmux.choose('Log in');
      await tmux.waitFor('Username:');
      await tmux.type('admin');
      await tmux.press('Enter');
      await tmux.waitFor('Password:');
      await tmux.type(STACK_ADMIN_PASSWORD);
      await tmux.press('Enter');
      const screen = await tmux.waitFor('Library — logged in as admin (librarian)');
      assert.ok(!screen.includes(STACK_ADMIN_PASSWORD), 'the password was shown on the screen');
      assert.match(screen, /Librarian tools/);
      await tmux.choose('Log out');
      await tmux.waitFor(/Logged out\.[\s\S]*Library — not logged in/);
      await tmux.choose('Exit');
      assert.equal(await tmux.waitForExit(), 0);
    });
  });
});
