// After a book's details: what one may do with it now (borrow, hold, buy, reserve a seat),
// so that *Book details* is not a dead end. Starts on Back: Enter leaves it as it was.
import { runHold } from '../actions/loans.js';
import type { Ctx } from '../context.js';
import { borrowFlow } from './loans-pick.js';
import { buyFlow } from './orders-buy.js';
import { reserveFlow } from './reading-room-pick.js';

type Action = 'borrow' | 'hold' | 'buy' | 'reserve' | null;

export async function bookActions(ctx: Ctx, bookId: string): Promise<void> {
  if (!ctx.session.current()) return; // a guest can do none of these
  const action = await ctx.ask.select<Action>(
    'What now?',
    [
      { name: 'Borrow it', value: 'borrow' },
      { name: 'Place a hold on it', value: 'hold' },
      { name: 'Buy it', value: 'buy' },
      { name: 'Reserve a reading-room seat for it', value: 'reserve' },
      { name: 'Back', value: null },
    ],
    null,
  );
  if (action === 'borrow') await borrowFlow(ctx, bookId);
  else if (action === 'hold') await runHold(ctx, { bookId });
  else if (action === 'buy') await buyFlow(ctx, { bookId });
  else if (action === 'reserve') await reserveFlow(ctx, { bookId });
}
