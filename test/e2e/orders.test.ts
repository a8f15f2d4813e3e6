// The shop end to end: the real stack (setup, ./startup.sh --detach), the real client as a
// child process for the subcommands and under tmux for the menu.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../support/processes.js';
import { CLIENT, useFullStack } from '../support/stack.js';
import { startTmux, type TmuxSession } from '../support/tmux.js';
import type { Order } from '../../services/orders/types.js';

const PASSWORD = 'shop-e2e-password-1';
/** "Cooking for the Impatient Undergrad", 7.50, with units for sale in data/seed/books.csv. */
const BOOK = 'bk-4';

describe('library shop end to end', function () {
  this.timeout(60_000);
  const stack = useFullStack();

  const member = (username: string) => stack().member(username, PASSWORD);

  async function stockOf(bookId: string): Promise<number> {
    const run = await stack().client(['info', bookId, '--json']);
    assert.equal(run.code, 0, run.stderr);
    return (JSON.parse(run.stdout) as { stock: number }).stock;
  }

  function loggedOrders(): Record<string, string>[] {
    return parse(readFileSync(path.join(stack().dataDir, 'orders', 'order_log.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  }

  it('search → buy → orders, as subcommands', async () => {
    const env = await member('sam');
    const found = await stack().client(['search', 'impatient undergrad', '--json']);
    assert.equal(found.code, 0, found.stderr);
    assert.ok((JSON.parse(found.stdout) as { items: { id: string }[] }).items.some((b) => b.id === BOOK), found.stdout);
    const before = await stockOf(BOOK);

    const unconfirmed = await stack().client(['buy', BOOK, '--quantity', '2'], { env });
    assert.equal(unconfirmed.code, 2, 'no terminal and no --yes: a usage error');
    assert.match(unconfirmed.stderr, /--yes/);

    const bought = await stack().client(['buy', BOOK, '--quantity', '2', '--yes', '--json'], { env });
    assert.equal(bought.code, 0, bought.stderr);
    const order = JSON.parse(bought.stdout) as Order;
    assert.deepEqual([order.bookId, order.quantity, order.unitPrice, order.total, order.username], [BOOK, 2, 7.5, 15, 'sam']);
    assert.equal(await stockOf(BOOK), before - 2);
    assert.ok(loggedOrders().some((row) => row.order_id === order.id && row.username === 'sam'));

    const text = await stack().client(['orders'], { env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^${order.id}\\s.*${BOOK}\\s+Cooking for the Impatient Undergrad\\s+2\\s+7\\.50\\s+15\\.00\\s+sam$`, 'm'));
    const one = await stack().client(['orders', order.id, '--json'], { env });
    assert.deepEqual(JSON.parse(one.stdout), order);

    const soldOut = await stack().client(['buy', 'bk-2', '--yes'], { env });
    assert.equal(soldOut.code, 1);
    assert.match(soldOut.stderr, /^library: Out of stock: /);
    const someoneElse = await stack().client(['orders', order.id], { env: await member('tess') });
    assert.equal(someoneElse.code, 1, "another member's order is not found");
  });

  describe('the menu, on a terminal (tmux)', () => {
    let tmux: TmuxSession | undefined;
    afterEach(async () => {
      await tmux?.kill();
      tmux = undefined;
    });

    it('search → buy (quantity, total, confirm) → my orders', async () => {
      const env = await member('mina');
      const before = await stockOf(BOOK);
      tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv(env), cwd: REPO_ROOT });
      await tmux.waitFor('Library — logged in as mina (member)');
      await tmux.choose('Search books');
      await tmux.waitFor('Search for');
      await tmux.type('impatient undergrad');
      await tmux.press('Enter');
      await tmux.waitFor('Open a book');
      await tmux.choose('Cooking for the Impatient Undergrad');
      await tmux.waitFor(/What now\?[\s\S]*❯ Back/); // the details shown; Enter goes back
      await tmux.press('Enter');
      await tmux.waitFor(/❯ Search books/);
      await tmux.choose('Buy a book');
      await tmux.waitFor('Buy which book?');
      await tmux.type(BOOK);
      await tmux.press('Enter');
      await tmux.waitFor(`How many? (${before} for sale at 7.50 each)`);
      await tmux.type('3');
      await tmux.press('Enter');
      await tmux.waitFor(`Buy 3 × Cooking for the Impatient Undergrad (${BOOK}) at 7.50 = 22.50? (Y/n)`);
      await tmux.press('Enter');
      const bought = await tmux.waitFor(/Bought ord-\d+: 3 × Cooking for the Impatient Undergrad \(bk-4\) for mina\./);
      const id = /Bought (ord-\d+)/.exec(bought)![1];
      await tmux.waitFor(/❯ Search books/);
      await tmux.choose('My orders');
      await tmux.waitFor(new RegExp(`${id}\\s.*${BOOK}\\s+Cooking for the Impatient Undergrad\\s+3\\s+7\\.50\\s+22\\.50\\s+mina`));
      await tmux.waitFor(/❯ Search books/);
      await tmux.choose('Exit');
      assert.equal(await tmux.waitForExit(), 0);
      assert.equal(await stockOf(BOOK), before - 3);
      const mine = await stack().client(['orders', '--json'], { env });
      assert.deepEqual((JSON.parse(mine.stdout) as { items: Order[] }).items.map((o) => [o.id, o.quantity, o.total]), [[id, 3, 22.5]]);
    });
  });
});
