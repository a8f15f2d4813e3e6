// Buying on a terminal: which book, how many (knowing what there is), the total, yes or
// no. The menu and `library buy` on a terminal both walk through here.
import { runBuy } from '../actions/orders.js';
import { getBookInfo, type BookInfo } from '../api/books.js';
import { ApiProblem } from '../api/errors.js';
import type { Order } from '../api/orders.js';
import type { Ctx } from '../context.js';
import { money } from '../ui/format.js';
import { purchaseLine } from '../ui/orders.js';
import { pickBook } from './pick-book.js';

/** The most one order may ask for (the shop's limit). */
export const MAX_QUANTITY = 100;

export interface BuyGiven {
  bookId?: string;
  quantity?: number;
  /** Confirmed already (--yes). */
  yes?: boolean;
}

/** Asks for what was not given, confirms, buys; null when the user stops. */
export async function buyFlow(ctx: Ctx, given: BuyGiven): Promise<Order | null> {
  const bookId = given.bookId ?? (await pickBook(ctx, 'Buy which book? (id, or words from its title, author or ISBN)'))?.id;
  if (!bookId) return null;
  const info = await ctx.out.wait('Looking the book up', getBookInfo(ctx.api, bookId));
  // Asking "how many?" of a book there is none of would only waste the buyer's time.
  if (info.stock === 0) throw soldOut(info);
  const quantity =
    given.quantity ??
    (await ctx.ask.integer(`How many? (${info.stock} for sale at ${money(info.price)} each)`, {
      min: 1,
      max: Math.min(MAX_QUANTITY, info.stock),
      default: 1,
    }));
  if (!given.yes && !(await ctx.ask.confirm(`Buy ${purchaseLine(info, quantity)}?`, true))) {
    ctx.out.note('Nothing bought.');
    return null;
  }
  return runBuy(ctx, { bookId: info.id, quantity });
}

/** The shop's own refusal, so it reads (and exits) as if the shop had said it. */
function soldOut(info: BookInfo): ApiProblem {
  return new ApiProblem({ type: '/problems/out-of-stock', title: 'Out of stock', status: 409, detail: `no units of ${info.title} (${info.id}) are for sale` });
}
