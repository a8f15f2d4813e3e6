// Borrowing end to end: the real stack (setup, ./startup.sh --detach), the real client as a
// child process for the subcommands and under tmux for the menu.
import assert from 'node:assert/strict';
import { REPO_ROOT } from '../support/processes.js';
import { CLIENT, useFullStack } from '../support/stack.js';
import { startTmux, type TmuxSession } from '../support/tmux.js';
import type { Book } from '../../services/contracts/catalog.js';
import type { Loan } from '../../services/loans/types.js';

const PASSWORD = 'borrower-password-123';

describe('library loans end to end', function () {
  this.timeout(60_000);
  const stack = useFullStack();

  const member = (username: string) => stack().member(username, PASSWORD);

  async function loansOf(env: Record<string, string>, status: string): Promise<Loan[]> {
    const run = await stack().client(['loans', '--status', status, '--json'], { env });
    assert.equal(run.code, 0, run.stderr);
    return (JSON.parse(run.stdout) as { items: Loan[] }).items;
  }

  it('search → borrow → loans → return, as subcommands', async () => {
    const env = await member('lena');
    const search = await stack().client(['search', 'pragmatic', '--json']);
    assert.equal(search.code, 0, search.stderr);
    const book = (JSON.parse(search.stdout) as { items: Book[] }).items[0];
    assert.match(book.title, /Pragmatic Programmer/);

    const borrowed = await stack().client(['borrow', book.id, '--json'], { env });
    assert.equal(borrowed.code, 0, borrowed.stderr);
    const loan = JSON.parse(borrowed.stdout) as Loan;
    assert.deepEqual([loan.bookId, loan.username, loan.status], [book.id, 'lena', 'active']);

    const twice = await stack().client(['borrow', book.id], { env });
    assert.equal(twice.code, 1, 'a refusal exits 1');
    assert.match(twice.stderr, /^library: Already borrowed: /);
    assert.equal((await stack().client(['borrow'], { env })).code, 2, 'no book and no terminal: a usage error');

    const listed = await stack().client(['loans'], { env });
    assert.equal(listed.code, 0, listed.stderr);
    // Piped: tab-separated under a header row, the title whole.
    assert.match(listed.stdout, /^ID\tBOOK\tTITLE\tCOPY\tMEMBER\tDUE\tSTATUS\tFINE\n/);
    assert.ok(listed.stdout.includes(`${loan.id}\t${book.id}\t${book.title}\t${loan.barcode}\tlena\t`), listed.stdout);
    assert.deepEqual((await loansOf(env, 'active')).map((l) => l.id), [loan.id]);

    const returned = await stack().client(['return', book.id], { env });
    assert.equal(returned.code, 0, returned.stderr);
    assert.ok(returned.stdout.includes(`Returned ${loan.id}: ${book.title} (${book.id}), copy ${loan.barcode}. On time, no fine.`), returned.stdout);
    assert.match(returned.stdout, new RegExp(`Put copy ${loan.barcode} back on the open shelf\\.`));
    assert.deepEqual(await loansOf(env, 'active'), []);
    assert.deepEqual((await loansOf(env, 'returned')).map((l) => [l.id, l.fine]), [[loan.id, 0]]);
  });

  describe('the menu, on a terminal (tmux)', () => {
    let tmux: TmuxSession | undefined;
    afterEach(async () => {
      await tmux?.kill();
      tmux = undefined;
    });

    it('search → borrow → my loans → return', async () => {
      const env = await member('milo');
      tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv(env), cwd: REPO_ROOT });
      await tmux.waitFor('Library — logged in as milo (member)');
      await tmux.choose('Search books');
      await tmux.waitFor('Search for');
      await tmux.type('refactoring');
      await tmux.press('Enter');
      await tmux.waitFor('Open a book');
      await tmux.choose(/Refactoring: Improving/);
      await tmux.waitFor(/Copies\s+\d+ of \d+ available to borrow/);
      await tmux.waitFor(/What now\?[\s\S]*❯ Back/); // details lead on; Enter goes back
      await tmux.press('Enter');
      await tmux.waitFor(/❯ Search books/);

      await tmux.choose('Borrow a book');
      await tmux.waitFor('Borrow which book?');
      await tmux.type('bk-8');
      await tmux.press('Enter');
      const borrowed = await tmux.waitFor(/Borrowed ln-\d+: Refactoring: Improving the Design of Existing Code \(bk-8\), copy BC\d+, for milo\./);
      const loanId = /Borrowed (ln-\d+)/.exec(borrowed)![1];

      await tmux.choose('My loans');
      const mine = await tmux.waitFor('Renew a loan?');
      assert.match(mine, new RegExp(`${loanId}\\s+bk-8\\s+Refactoring`));
      // The cursor starts on Back: Enter leaves the list and renews nothing.
      await tmux.waitFor(/❯ Back/);
      await tmux.press('Enter');
      await tmux.waitFor(/❯ Search books/);
      assert.equal((await loansOf(env, 'active'))[0].renewals, 0, 'Enter on My loans used no renewal');

      await tmux.choose('Return a book');
      await tmux.waitFor('Return which book?');
      await tmux.choose(`${loanId}:`);
      await tmux.waitFor(new RegExp(`Returned ${loanId}: Refactoring[^\\n]*\\(bk-8\\), copy BC\\d+\\. On time, no fine\\.`));
      await tmux.waitFor(/❯ Search books/);
      await tmux.choose('Exit');
      assert.equal(await tmux.waitForExit(), 0);
      assert.deepEqual(await loansOf(env, 'active'), []);
      assert.deepEqual((await loansOf(env, 'returned')).map((l) => l.id), [loanId]);
    });
  });
});
