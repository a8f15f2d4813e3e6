// borrow, return, renew, loans, hold, holds [shelf], cancel-hold, overdue, fines [pay],
// and the front desk's checkout and checkin.
import { Command, InvalidArgumentError } from 'commander';
import {
  resolveLoan,
  runBorrow,
  runCancelHold,
  runCheckin,
  runCheckout,
  runFineList,
  runFines,
  runHold,
  runHolds,
  runHoldShelf,
  runLoans,
  runOverdue,
  runPayFine,
  runRenew,
  runReturn,
} from '../actions/loans.js';
import { runLoansExport } from '../actions/reports.js';
import { me } from '../api/users.js';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { borrowFlow, myActiveLoans, myOpenHolds, pickHold, pickLoan } from '../flows/loans-pick.js';
import { amount, integer, need, newCommand, run, withExamples, type CommandDeps } from './common.js';

const LOAN_STATUSES = ['active', 'overdue', 'returned'] as const;
const HOLD_STATUSES = ['waiting', 'ready', 'fulfilled', 'cancelled', 'expired'] as const;

function oneOf<T extends string>(values: readonly T[]): (raw: string) => T {
  return (raw) => {
    if (!values.includes(raw as T)) throw new InvalidArgumentError(`must be one of ${values.join(', ')}.`);
    return raw as T;
  };
}

export function makeBorrowCommand(deps: CommandDeps): Command {
  const command = newCommand('borrow', 'borrow a copy of a book (on a terminal: find the book, and hold it if every copy is out)')
    .helpGroup('Loans and holds:')
    .argument('[book]', 'the book id, e.g. bk-1')
    .option('--barcode <barcode>', 'borrow this very copy instead, e.g. BC000001')
    .option('--user <username>', 'lend to this member (librarians)')
    .action((book: string | undefined, options: { barcode?: string; user?: string }) =>
      run(deps, command, async (ctx) => {
        if (book && options.barcode) throw new UsageError('give either a book id or --barcode, not both');
        if (options.barcode) return runBorrow(ctx, { target: { barcode: options.barcode }, username: options.user });
        if (book || options.user) return runBorrow(ctx, { target: { bookId: await need(ctx, book, 'the book id') }, username: options.user });
        if (!ctx.interactive) throw new UsageError('missing the book id');
        return borrowFlow(ctx);
      }),
    );
  return withExamples(command, ['library borrow bk-1', 'library borrow --barcode BC000007', 'library borrow bk-5 --json']);
}

/** `return` and `renew`: a loan id, a book id of one's loan, or (terminal) a pick from one's loans. */
function makeLoanVerb(deps: CommandDeps, name: 'return' | 'renew'): Command {
  const verb = name === 'return' ? runReturn : runRenew;
  const description = name === 'return' ? 'return a borrowed book' : 'renew a loan: a new due date, one loan period later';
  const command = newCommand(name, description)
    .helpGroup('Loans and holds:')
    .argument('[loan]', 'the loan id (ln-4), the book id (bk-1) of your loan of it, or the copy\'s barcode (BC000004); picked from your loans on a terminal when left out')
    .action((ref: string | undefined) =>
      run(deps, command, async (ctx) => {
        const id = ref ? await resolveLoan(ctx, ref) : await chooseLoan(ctx, name === 'return' ? 'Return which book?' : 'Renew which loan?');
        if (id) await verb(ctx, { id });
      }),
    );
  return withExamples(command, [`library ${name} ln-3`, `library ${name} bk-4`, `library ${name} ${name === 'renew' ? 'BC000007' : 'BC000009'}`]);
}

export const makeReturnCommand = (deps: CommandDeps) => makeLoanVerb(deps, 'return');
export const makeRenewCommand = (deps: CommandDeps) => makeLoanVerb(deps, 'renew');

async function chooseLoan(ctx: Ctx, message: string): Promise<string | null> {
  if (!ctx.interactive) throw new UsageError('missing the loan id');
  return (await pickLoan(ctx, await myActiveLoans(ctx), message))?.id ?? null;
}

export function makeCheckoutCommand(deps: CommandDeps): Command {
  const command = newCommand('checkout', 'the front desk: lend a copy (by barcode) or a book (by id) to a member (librarians)')
    .helpGroup('Front desk:')
    .argument('[item]', 'the barcode of the copy in hand (BC000004), or a book id (bk-1)')
    .option('--member <username>', 'the member who borrows it')
    .action((item: string | undefined, options: { member?: string }) =>
      run(deps, command, async (ctx) => runCheckout(ctx, { item: await need(ctx, item, 'the barcode or book id'), member: await need(ctx, options.member, 'the member (--member)') })),
    );
  return withExamples(command, ['library checkout BC000004 --member bob', 'library checkout bk-1 --member bob --json']);
}

export function makeCheckinCommand(deps: CommandDeps): Command {
  const command = newCommand('checkin', 'the front desk: take a copy back by its barcode; says where it goes next (librarians)')
    .helpGroup('Front desk:')
    .argument('[barcode]', 'the barcode of the copy in hand, e.g. BC000004')
    .action((barcode: string | undefined) => run(deps, command, async (ctx) => runCheckin(ctx, { barcode: await need(ctx, barcode, 'the barcode') })));
  return withExamples(command, ['library checkin BC000004', 'library checkin BC000001 --json']);
}

export function makeLoansCommand(deps: CommandDeps): Command {
  const command = newCommand('loans', 'your loans, newest first (librarians: everyone’s)')
    .helpGroup('Loans and holds:')
    .option('--status <status>', `only ${LOAN_STATUSES.join(', ')} (active includes overdue)`, oneOf(LOAN_STATUSES))
    .option('--book <id>', 'only loans of this book')
    .option('--user <username>', "only this member's (librarians)")
    .option('--limit <n>', 'loans per page, 1 to 100', integer(1, 100))
    .option('--offset <n>', 'loans to skip, for the next page', integer(0))
    .action((o: { status?: (typeof LOAN_STATUSES)[number]; book?: string; user?: string; limit?: number; offset?: number }) =>
      run(deps, command, (ctx) => runLoans(ctx, { status: o.status, bookId: o.book, username: o.user, limit: o.limit, offset: o.offset })),
    );
  const exporter = newCommand('export', "every loan as CSV, returned ones too: the circulation report (librarians: everyone's)")
    .option('--output <file>', 'write to this file instead of stdout')
    .action((options: { output?: string }) => run(deps, exporter, (ctx) => runLoansExport(ctx, options)));
  command.addCommand(withExamples(exporter, ['library loans export --output loans.csv']));
  return withExamples(command, ['library loans', 'library loans --status returned', 'library loans --status overdue --json']);
}

export function makeHoldCommand(deps: CommandDeps): Command {
  const command = newCommand('hold', 'join the queue for a book whose copies are all out')
    .helpGroup('Loans and holds:')
    .argument('[book]', 'the book id, e.g. bk-1 (asked for on a terminal when left out)')
    .option('--user <username>', 'for this member (librarians)')
    .action((book: string | undefined, options: { user?: string }) =>
      run(deps, command, async (ctx) => runHold(ctx, { bookId: await need(ctx, book, 'the book id'), username: options.user })),
    );
  return withExamples(command, ['library hold bk-2']);
}

export function makeHoldsCommand(deps: CommandDeps): Command {
  const command = newCommand('holds', 'your holds, in queue order (librarians: everyone’s)')
    .helpGroup('Loans and holds:')
    .option('--status <status>', `only ${HOLD_STATUSES.join(', ')}`, oneOf(HOLD_STATUSES))
    .option('--book <id>', 'only holds on this book')
    .option('--user <username>', "only this member's (librarians)")
    .option('--limit <n>', 'holds per page, 1 to 100', integer(1, 100))
    .option('--offset <n>', 'holds to skip, for the next page', integer(0))
    .action((o: { status?: (typeof HOLD_STATUSES)[number]; book?: string; user?: string; limit?: number; offset?: number }) =>
      run(deps, command, (ctx) => runHolds(ctx, { status: o.status, bookId: o.book, username: o.user, limit: o.limit, offset: o.offset })),
    );
  const shelf = newCommand('shelf', 'the hold shelf: every copy set aside, for whom and until when (librarians)').action(() =>
    run(deps, shelf, (ctx) => runHoldShelf(ctx)),
  );
  command.addCommand(withExamples(shelf, ['library holds shelf', 'library holds shelf --json']));
  return withExamples(command, ['library holds', 'library holds --status waiting', 'library holds --book bk-2 --json']);
}

export function makeCancelHoldCommand(deps: CommandDeps): Command {
  const command = newCommand('cancel-hold', 'leave the queue for a book; a copy set aside goes to the next in line')
    .helpGroup('Loans and holds:')
    .argument('[id]', 'the hold id, e.g. hd-3 (picked from yours on a terminal when left out)')
    .action((id: string | undefined) =>
      run(deps, command, async (ctx) => {
        if (!id && !ctx.interactive) throw new UsageError('missing the hold id');
        const chosen = id ?? (await pickHold(ctx, await myOpenHolds(ctx), 'Cancel which hold?'))?.id;
        if (chosen) await runCancelHold(ctx, { id: chosen });
      }),
    );
  return withExamples(command, ['library cancel-hold hd-1']);
}

export function makeOverdueCommand(deps: CommandDeps): Command {
  const command = newCommand('overdue', 'the overdue report: every loan past its due date (librarians)')
    .helpGroup('Librarian:')
    .action(() => run(deps, command, (ctx) => runOverdue(ctx)));
  return withExamples(command, ['library overdue', 'library overdue --json']);
}

export function makeFinesCommand(deps: CommandDeps): Command {
  const command = newCommand('fines', 'what you owe in fines (librarians: everyone who owes, or --user)')
    .helpGroup('Loans and holds:')
    .option('--user <username>', "this member's account (librarians)")
    .action((options: { user?: string }) =>
      run(deps, command, async (ctx) => {
        if (options.user) return runFines(ctx, { username: options.user });
        // The role the users service holds for the account now, not the one a token claims.
        const self = await ctx.out.wait('Reading fines', me(ctx.api));
        return self.role === 'librarian' ? runFineList(ctx) : runFines(ctx, { username: self.username });
      }),
    );
  const pay = newCommand('pay', "record a member's payment of fines (librarians)")
    .argument('[username]', 'the member')
    .argument('[amount]', 'the amount paid, e.g. 2.50', amount)
    .action((username: string | undefined, paid: number | undefined) =>
      run(deps, pay, async (ctx) => {
        const member = await need(ctx, username, 'the username');
        const value = paid ?? Number(await need(ctx, undefined, 'the amount paid', { validate: (v) => (/^\d+(\.\d{1,2})?$/.test(v.trim()) ? true : 'an amount like 2.50') }));
        await runPayFine(ctx, { username: member, amount: value });
      }),
    );
  command.addCommand(withExamples(pay, ['library fines pay alice 2.50   # → exit 1 Payment exceeds balance: alice owes 0.00']));
  return withExamples(command, ['library fines', 'library fines --user alice --json']);
}
