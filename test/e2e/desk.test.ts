// The front desk end to end, at 80 columns: a librarian checks a copy out to a member and
// in again by its barcode from the menu (under tmux); the member's loans name the title;
// and no line the client draws on an 80-column terminal is wider than 80.
import assert from 'node:assert/strict';
import path from 'node:path';
import { freshIsbn } from '../fixtures/cli-books.js';
import { REPO_ROOT } from '../support/processes.js';
import { CLIENT, STACK_ADMIN_PASSWORD, useFullStack } from '../support/stack.js';
import { startTmux, type TmuxSession } from '../support/tmux.js';
import type { BookInventoryDetail } from '../../services/contracts/inventory.js';
import type { Loan } from '../../services/loans/types.js';

const WIDTH = 80;

describe('the front desk end to end (80 columns)', function () {
  this.timeout(90_000);
  const stack = useFullStack();
  let admin: Record<string, string>;
  let tmux: TmuxSession | undefined;

  before(async () => {
    admin = { XDG_CONFIG_HOME: path.join(stack().configHome, 'desk-admin') };
    const login = await stack().client(['login', 'admin', '--password-stdin'], { input: `${STACK_ADMIN_PASSWORD}\n`, env: admin });
    assert.equal(login.code, 0, login.stderr);
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
  });

  async function assertFits(session: TmuxSession): Promise<void> {
    const wide = (await session.joinedLines()).filter((line) => [...line].length > WIDTH);
    assert.deepEqual(wide, [], `lines wider than ${WIDTH} columns`);
  }

  async function freeCopy(bookId: string): Promise<string> {
    const run = await stack().client(['copies', 'list', bookId, '--json'], { env: admin });
    assert.equal(run.code, 0, run.stderr);
    const copy = (JSON.parse(run.stdout) as BookInventoryDetail).barcodes.find((c) => c.status === 'available');
    assert.ok(copy, `no available copy of ${bookId}`);
    return copy.barcode;
  }

  it('menu: checks a copy out to a member and in by its barcode; the member sees the title', async () => {
    const nora = await stack().member('nora', 'nora-password-0123');
    const barcode = await freeCopy('bk-3');
    tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv(admin), cwd: REPO_ROOT, width: WIDTH, height: 50 });
    await tmux.waitFor('Library — logged in as admin (librarian)');
    await tmux.choose('Front desk');
    await tmux.choose('Check out to a member');
    await tmux.waitFor('Member (username):');
    await tmux.type('nora');
    await tmux.press('Enter');
    await tmux.waitFor('Barcode of the copy');
    await tmux.type(barcode);
    await tmux.press('Enter');
    await tmux.waitFor(new RegExp(`Borrowed ln-\\d+: [^\\n]*\\(bk-3\\), copy[\\s\\S]*${barcode}`));

    const { title } = JSON.parse((await stack().client(['info', 'bk-3', '--json'])).stdout) as { title: string };
    const loans = await stack().client(['loans'], { env: nora });
    assert.equal(loans.code, 0, loans.stderr);
    assert.ok(loans.stdout.includes(`\tbk-3\t${title}\t${barcode}\tnora\t`), loans.stdout);

    await tmux.waitFor(/❯ Check out to a member/);
    await tmux.choose('Check in by barcode');
    await tmux.waitFor('Barcode of the copy:');
    await tmux.type(barcode.toLowerCase());
    await tmux.press('Enter');
    await tmux.waitFor(new RegExp(`Put copy ${barcode} back on the open shelf\\.`));
    await tmux.waitFor(/❯ Check out to a member/);
    await tmux.choose('Back');
    await tmux.waitFor(/❯ Search books/);
    await tmux.choose('Exit');
    assert.equal(await tmux.waitForExit(), 0);
    await assertFits(tmux);

    const returned = await stack().client(['loans', '--status', 'returned', '--json'], { env: nora });
    assert.deepEqual((JSON.parse(returned.stdout) as { items: Loan[] }).items.map((l) => [l.bookId, l.barcode]), [['bk-3', barcode]]);
  });

  it('menu: a mistyped password asks again; a refused hold stays in Holds to try another', async () => {
    await stack().member('hana', 'hana-password-0123');
    const guest = { XDG_CONFIG_HOME: path.join(stack().configHome, 'hana-menu') };
    tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv(guest), cwd: REPO_ROOT, width: WIDTH, height: 50 });
    await tmux.waitFor('Library — not logged in');
    await tmux.choose('Log in');
    await tmux.waitFor('Username:');
    await tmux.type('hana');
    await tmux.press('Enter');
    await tmux.waitFor('Password:');
    await tmux.type('not-her-password');
    await tmux.press('Enter');
    await tmux.waitFor(/Invalid credentials[^\n]*\n[\s\S]*Password:/);
    await tmux.type('hana-password-0123');
    await tmux.press('Enter');
    await tmux.waitFor('Library — logged in as hana (member)');

    await tmux.choose('Holds');
    await tmux.choose('Place a hold');
    await tmux.waitFor('Hold which book?');
    await tmux.type('bk-5');
    await tmux.press('Enter');
    // bk-5 has copies on the shelf: refused, said in one line, and still in Holds.
    const refused = await tmux.waitFor(/A copy is available[\s\S]*❯ Place a hold/);
    assert.doesNotMatch(refused, /❯ Search books/);
    await tmux.choose('Back');
    await tmux.waitFor(/❯ Search books/);
    await tmux.choose('Exit');
    assert.equal(await tmux.waitForExit(), 0);
    await assertFits(tmux);
  });

  it('menu: a librarian finds a member, disables and enables them, makes them a librarian; an unknown name stays in Users', async () => {
    await stack().member('iris', 'iris-password-0123');
    const account = async () => JSON.parse((await stack().client(['users', 'show', 'iris', '--json'], { env: admin })).stdout) as { role: string; active: boolean };
    tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv(admin), cwd: REPO_ROOT, width: WIDTH, height: 50 });
    await tmux.waitFor('Library — logged in as admin (librarian)');
    await tmux.choose('Librarian tools');
    await tmux.choose('Users');
    await tmux.choose('Find users');
    await tmux.waitFor('Username, name or email');
    await tmux.type('iri');
    await tmux.press('Enter');
    await tmux.waitFor(/iris@example.org\s+member/);

    await tmux.choose('An account');
    await tmux.waitFor('Username:');
    await tmux.type('nobody-here');
    await tmux.press('Enter');
    await tmux.waitFor(/Not found[^\n]*nobody-here[\s\S]*❯ Find users/);

    await tmux.choose('An account');
    await tmux.waitFor('Username:');
    await tmux.type('iris');
    await tmux.press('Enter');
    await tmux.choose('Disable (no more logins)');
    await tmux.waitFor('Disable iris?');
    await tmux.type('y');
    await tmux.press('Enter');
    await tmux.waitFor(/iris \(member\) disabled/);
    assert.equal((await account()).active, false);
    await tmux.choose('Enable (may log in again)');
    await tmux.waitFor(/iris \(member\) enabled/);
    assert.equal((await account()).active, true);
    await tmux.choose('Make iris a librarian');
    await tmux.waitFor('Make iris a librarian?');
    await tmux.type('y');
    await tmux.press('Enter');
    await tmux.waitFor(/iris \(librarian\) is now a librarian/);
    assert.equal((await account()).role, 'librarian');
    await tmux.choose('Reset the password');
    await tmux.waitFor('New password');
    await tmux.press('Enter'); // empty: a random one, shown once
    const shown = /has a new password, shown only now: (\S+)\./.exec(await tmux.waitFor(/shown only now: \S+\./))![1];
    const login = await stack().client(['login', 'iris', '--password-stdin'], { input: `${shown}\n`, env: { XDG_CONFIG_HOME: path.join(stack().configHome, 'iris-new') } });
    assert.equal(login.code, 0, login.stderr);
    await tmux.choose('Back');
    await tmux.waitFor(/❯ Find users/);
    await tmux.choose('Back');
    await tmux.waitFor(/❯ Add a book/);
    await tmux.choose('Back');
    await tmux.choose('Exit');
    assert.equal(await tmux.waitForExit(), 0);
    await assertFits(tmux);
  });

  it('copies set withdrawn for every copy, stock 0: Remove a book in the menu succeeds', async () => {
    const add = await stack().client(['books', 'add', '--title', 'Withdrawn Soon', '--author', 'A. Writer', '--isbn', freshIsbn(), '--topic', 'testing', '--price', '5', '--json'], { env: admin });
    assert.equal(add.code, 0, add.stderr);
    const { id } = JSON.parse(add.stdout) as { id: string };
    const copies = await stack().client(['copies', 'add', id, '--count', '2', '--json'], { env: admin });
    const { barcodes } = JSON.parse(copies.stdout) as { barcodes: string[] };
    const refused = await stack().client(['books', 'remove', id, '--yes'], { env: admin });
    assert.equal(refused.code, 1, 'copies not withdrawn yet');
    for (const barcode of barcodes) {
      const set = await stack().client(['copies', 'set', barcode, 'withdrawn'], { env: admin });
      assert.equal(set.code, 0, set.stderr);
      assert.match(set.stdout, new RegExp(`Copy ${barcode} of ${id} is now withdrawn\\.`));
    }
    assert.equal((await stack().client(['stock', 'set', id, '0'], { env: admin })).code, 0);
    tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv(admin), cwd: REPO_ROOT, width: WIDTH, height: 50 });
    await tmux.waitFor('Library — logged in as admin (librarian)');
    await tmux.choose('Librarian tools');
    await tmux.choose('Remove a book');
    await tmux.waitFor('Which book?');
    await tmux.type(id);
    await tmux.press('Enter');
    await tmux.waitFor('Remove Withdrawn Soon');
    await tmux.type('y');
    await tmux.press('Enter');
    await tmux.waitFor(`Removed ${id} from the catalog.`);
    assert.equal((await stack().client(['info', id])).code, 1, 'the book is gone');
  });

  it('loans export and orders export: CSV with a header row, returned loans included', async () => {
    const loans = await stack().client(['loans', 'export'], { env: admin });
    assert.equal(loans.code, 0, loans.stderr);
    const [header, ...rows] = loans.stdout.trimEnd().split('\n');
    assert.equal(header, 'id,bookId,barcode,username,borrowedAt,dueAt,returnedAt,renewals,status,overdue,fine');
    assert.ok(rows.some((r) => r.includes(',nora,') && r.includes(',returned,')), loans.stdout);
    const orders = await stack().client(['orders', 'export'], { env: admin });
    assert.equal(orders.code, 0, orders.stderr);
    assert.equal(orders.stdout.split('\n')[0], 'id,bookId,title,quantity,unitPrice,total,username,createdAt');
  });

  for (const args of [['search', 'software'], ['loans'], ['orders'], ['overdue'], ['holds', 'shelf'], ['copies', 'list', 'bk-1']]) {
    it(`${args.join(' ')}: no line wider than ${WIDTH} on an ${WIDTH}-column terminal`, async () => {
      if (args[0] === 'orders') {
        const buy = await stack().client(['buy', 'bk-8', '--yes'], { env: admin });
        assert.equal(buy.code, 0, buy.stderr);
      }
      tmux = await startTmux([process.execPath, CLIENT, ...args], { env: stack().clientEnv(admin), cwd: REPO_ROOT, width: WIDTH, height: 50 });
      assert.equal(await tmux.waitForExit(20_000), 0, await tmux.screen());
      await assertFits(tmux);
    });
  }

  it('search, piped, prints every title whole, tab-separated under a header row', async () => {
    const run = await stack().client(['search', 'software']);
    assert.equal(run.code, 0, run.stderr);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    assert.equal(header, 'ID\tTITLE\tAUTHORS\tTOPIC\tYEAR\tPRICE');
    const json = JSON.parse((await stack().client(['search', 'software', '--json'])).stdout) as { items: { title: string }[] };
    assert.deepEqual(rows.filter((r) => r.startsWith('bk-')).map((r) => r.split('\t')[1]), json.items.map((b) => b.title));
    assert.ok(json.items.some((b) => b.title.length > 44), 'a long title is in the list, to show it is not cut');
  });
});
