// Loans in the menu: borrow, return, my loans (renew), holds; and for librarians the
// overdue report and fines.
import { runCancelHold, runFineList, runHold, runHolds, runLoans, runOverdue, runPayFine, runRenew, runReturn } from '../actions/loans.js';
import { getFines, type FineAccount } from '../api/loans.js';
import type { Ctx } from '../context.js';
import { money, when } from '../ui/format.js';
import type { MenuEntry } from './entry.js';
import { menuLoop } from './loop.js';
import { borrowFlow, myActiveLoans, myOpenHolds, pickHold, pickLoan } from '../flows/loans-pick.js';
import { pickBook } from '../flows/pick-book.js';

export const borrowEntry: MenuEntry = {
  label: 'Borrow a book',
  description: 'find a book and borrow a copy; hold it when every copy is out',
  audience: 'user',
  async run(ctx: Ctx) {
    await borrowFlow(ctx);
  },
};

export const returnEntry: MenuEntry = {
  label: 'Return a book',
  description: 'give back one of your loans',
  audience: 'user',
  async run(ctx: Ctx) {
    const loan = await pickLoan(ctx, await myActiveLoans(ctx), 'Return which book?');
    if (loan) await runReturn(ctx, { id: loan.id });
  },
};

export const myLoansEntry: MenuEntry = {
  label: 'My loans',
  description: 'what you have borrowed and when it is due; renew a loan',
  audience: 'user',
  async run(ctx: Ctx) {
    const username = ctx.session.current()?.user.username;
    const page = await runLoans(ctx, { username, status: 'active', limit: 100 });
    await noteFines(ctx);
    if (page.items.length === 0) return;
    // Starts on Back and asks before renewing: Enter to leave the list must not use up a renewal.
    const loan = await pickLoan(ctx, page.items, 'Renew a loan?', { startOnBack: true });
    if (!loan) return;
    if (await ctx.ask.confirm(`Renew ${loan.id}, due ${when(loan.dueAt)}, for another loan period?`, false)) await runRenew(ctx, { id: loan.id });
    else ctx.out.note('Not renewed.');
  },
};

const placeHoldEntry: MenuEntry = {
  label: 'Place a hold',
  audience: 'user',
  async run(ctx: Ctx) {
    const book = await pickBook(ctx, 'Hold which book? (id, or words from its title, author or ISBN)');
    if (book) await runHold(ctx, { bookId: book.id });
  },
};

const cancelHoldEntry: MenuEntry = {
  label: 'Cancel a hold',
  audience: 'user',
  async run(ctx: Ctx) {
    const hold = await pickHold(ctx, await myOpenHolds(ctx), 'Cancel which hold?');
    if (hold) await runCancelHold(ctx, { id: hold.id });
  },
};

export const holdsEntry: MenuEntry = {
  label: 'Holds',
  description: 'your place in the queue for books that are out; place or cancel a hold',
  audience: 'user',
  async run(ctx: Ctx) {
    const username = ctx.session.current()?.user.username;
    // A submenu: a refused hold (a copy is free, already on loan) is one line and you stay
    // here to try another book, with the list shown again after each change.
    await menuLoop(
      ctx,
      [placeHoldEntry, cancelHoldEntry],
      async () => {
        await runHolds(ctx, { username, status: undefined, limit: 100 });
        return 'Holds';
      },
      'Back',
    );
  },
};

export const overdueEntry: MenuEntry = {
  label: 'Overdue report',
  description: 'every loan past its due date, longest overdue first',
  audience: 'librarian',
  async run(ctx: Ctx) {
    await runOverdue(ctx);
  },
};

export const finesEntry: MenuEntry = {
  label: 'Fines and payments',
  description: 'who owes fines; record a payment',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const page = await runFineList(ctx);
    const owing = page.items.filter((a) => a.balance > 0);
    if (owing.length === 0) return;
    const choices = owing.map((a) => ({ name: `${a.username} owes ${money(a.balance)}`, value: a as FineAccount | null }));
    choices.push({ name: 'Back', value: null });
    const account = await ctx.ask.select('Record a payment from', choices, null);
    if (!account) return;
    const paid = await ctx.ask.text(`Amount paid by ${account.username} (up to ${money(account.balance)}):`, {
      default: money(account.balance),
      validate: (v) => (/^\d+(\.\d{1,2})?$/.test(v.trim()) && Number(v) > 0 ? true : 'an amount like 2.50'),
    });
    await runPayFine(ctx, { username: account.username, amount: Number(paid) });
  },
};

/** A member who owes fines, or cannot borrow, hears it where they look at their loans. */
async function noteFines(ctx: Ctx): Promise<void> {
  const account = await getFines(ctx.api, ctx.session.current()?.user.username).catch(() => null);
  if (!account) return;
  if (account.balance > 0) ctx.out.note(`You owe ${money(account.balance)} in fines.`);
  if (account.blocked) ctx.out.warn('You cannot borrow until overdue books are returned and fines are paid.');
}
