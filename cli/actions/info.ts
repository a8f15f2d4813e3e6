// info: one book, with its stock for sale and, for a logged-in user, its copies.
import { ApiProblem } from '../api/errors.js';
import { getBook, getBookInfo } from '../api/books.js';
import { getInventory } from '../api/inventory.js';
import type { Ctx } from '../context.js';
import { bookCard, type BookDetails } from '../ui/books.js';

export async function runInfo(ctx: Ctx, input: { id: string }): Promise<BookDetails> {
  const details = await ctx.out.wait('Looking the book up', fetchDetails(ctx, input.id));
  await ctx.out.emit(details, bookCard);
  return details;
}

export async function fetchDetails(ctx: Ctx, id: string): Promise<BookDetails> {
  const [book, info, copies] = await Promise.all([getBook(ctx.api, id), getBookInfo(ctx.api, id), copiesIfAllowed(ctx, id)]);
  return { ...book, stock: info.stock, ...(copies ? { copies } : {}) };
}

/** Copies are a logged-in user's extra: a refusal to show them is no reason to fail. */
async function copiesIfAllowed(ctx: Ctx, id: string): Promise<BookDetails['copies']> {
  if (!ctx.session.token()) return undefined;
  try {
    return (await getInventory(ctx.api, id)).copies;
  } catch (error) {
    if (error instanceof ApiProblem) return undefined;
    throw error;
  }
}
