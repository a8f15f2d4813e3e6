// Choosing among loans and holds, and borrowing with the offer of a hold when every copy
// is out. The menu and the subcommands on a terminal both walk through here.
import { runBorrow, runHold, titlesFor } from '../actions/loans.js';
import { ApiProblem } from '../api/errors.js';
import { listHolds, listLoans, type Hold, type Loan } from '../api/loans.js';
import type { Ctx } from '../context.js';
import { holdLine, loanLine } from '../ui/loans.js';
import { pickBook } from './pick-book.js';

/** The caller's active loans (all of them, up to 100: a member may hold at most a few). */
export async function myActiveLoans(ctx: Ctx): Promise<Loan[]> {
  const username = ctx.session.current()?.user.username;
  return (await ctx.out.wait('Listing your loans', listLoans(ctx.api, { username, status: 'active', limit: 100 }))).items;
}

export async function myOpenHolds(ctx: Ctx): Promise<Hold[]> {
  const username = ctx.session.current()?.user.username;
  const page = await ctx.out.wait('Listing your holds', listHolds(ctx.api, { username, limit: 100 }));
  return page.items.filter((h) => h.status === 'waiting' || h.status === 'ready');
}

/**
 * One of `loans`, or null when there is none or the user goes back. The cursor starts on
 * *Back* when `startOnBack`, so that Enter to leave a list changes nothing.
 */
export async function pickLoan(ctx: Ctx, loans: Loan[], message: string, options: { startOnBack?: boolean } = {}): Promise<Loan | null> {
  if (loans.length === 0) {
    ctx.out.note('You have no books on loan.');
    return null;
  }
  const titles = await titlesFor(ctx, loans);
  const choices = loans.map((loan) => ({ name: loanLine(loan, ctx.out.style, titles), value: loan as Loan | null }));
  choices.push({ name: 'Back', value: null });
  return ctx.ask.select(message, choices, options.startOnBack ? null : undefined);
}

export async function pickHold(ctx: Ctx, holds: Hold[], message: string): Promise<Hold | null> {
  if (holds.length === 0) {
    ctx.out.note('You have no holds.');
    return null;
  }
  const titles = await titlesFor(ctx, holds);
  const choices = holds.map((hold) => ({ name: holdLine(hold, titles), value: hold as Hold | null }));
  choices.push({ name: 'Back', value: null });
  return ctx.ask.select(message, choices);
}

/** Picks a book when none is given, borrows it; when every copy is out, offers a hold. */
export async function borrowFlow(ctx: Ctx, bookId?: string): Promise<Loan | Hold | null> {
  const id = bookId ?? (await pickBook(ctx, 'Borrow which book? (id, or words from its title, author or ISBN)', 'Borrow'))?.id;
  if (!id) return null;
  try {
    return await runBorrow(ctx, { target: { bookId: id } });
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.code !== 'no-copy-available') throw error;
    ctx.out.warn(`${error.title}: ${error.detail ?? ''}`);
    if (!(await ctx.ask.confirm('Place a hold, to be next in line?', true))) return null;
    return runHold(ctx, { bookId: id });
  }
}
