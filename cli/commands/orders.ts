// buy, orders: the shop.
import { runOrdersExport } from '../actions/reports.js';
import { Command } from 'commander';
import { runBuy, runOrder, runOrders } from '../actions/orders.js';
import { UsageError } from '../errors.js';
import { buyFlow, MAX_QUANTITY } from '../flows/orders-buy.js';
import { integer, newCommand, run, withExamples, type CommandDeps } from './common.js';

export function makeBuyCommand(deps: CommandDeps): Command {
  const command = newCommand('buy', 'buy a book: on a terminal, pick it, say how many, see the total and confirm')
    .helpGroup('Shop:')
    .argument('[book]', 'the book id, e.g. bk-1 (picked on a terminal when left out)')
    .option('--quantity <n>', `units to buy, 1 to ${MAX_QUANTITY} (asked for on a terminal; 1 otherwise)`, integer(1, MAX_QUANTITY))
    .option('-y, --yes', 'buy without asking to confirm (required without a terminal)')
    .action((book: string | undefined, options: { quantity?: number; yes?: boolean }) =>
      run(deps, command, async (ctx) => {
        if (ctx.interactive) return buyFlow(ctx, { bookId: book, quantity: options.quantity, yes: options.yes });
        if (!book) throw new UsageError('missing the book id');
        // Money is spent only when someone said so: a script says it with --yes.
        if (!options.yes) throw new UsageError('missing --yes (without a terminal, nobody can confirm the purchase)');
        return runBuy(ctx, { bookId: book, quantity: options.quantity ?? 1 });
      }),
    );
  return withExamples(command, ['library buy bk-1 --yes', 'library buy bk-1 --quantity 2 --yes --json']);
}

export function makeOrdersCommand(deps: CommandDeps): Command {
  const command = newCommand('orders', 'your orders, newest first (librarians: everyone’s), or one order')
    .helpGroup('Shop:')
    .argument('[id]', 'an order id, e.g. ord-3: just that order')
    .option('--user <username>', "only this member's orders (librarians)")
    .option('--limit <n>', 'orders per page, 1 to 100', integer(1, 100))
    .option('--offset <n>', 'orders to skip, for the next page', integer(0))
    .action((id: string | undefined, o: { user?: string; limit?: number; offset?: number }) =>
      run(deps, command, (ctx) => (id ? runOrder(ctx, { id }) : runOrders(ctx, { username: o.user, limit: o.limit, offset: o.offset }))),
    );
  const exporter = newCommand('export', "every order as CSV: the shop's report (librarians: everyone's)")
    .option('--output <file>', 'write to this file instead of stdout')
    .action((options: { output?: string }) => run(deps, exporter, (ctx) => runOrdersExport(ctx, options)));
  command.addCommand(withExamples(exporter, ['library orders export --output orders.csv']));
  return withExamples(command, ['library orders', 'library orders ord-1', 'library orders --json']);
}
