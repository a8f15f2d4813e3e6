// What a member should hear about at login and in the menu's header: a hold ready for
// pickup, an overdue loan, fines owed. Best effort: a service that does not answer leaves
// its part out, and nothing else fails for it.
import { getFines, listHolds } from '../api/loans.js';
import type { Ctx } from '../context.js';
import { money, when } from '../ui/format.js';
import { titlesFor } from '../actions/loans.js';

export interface Notices {
  /** One line each, for printing after a login. */
  lines: string[];
  /** A few words for the menu header, e.g. "1 hold ready, 1 overdue, 2.50 owed". */
  summary: string;
}

export async function memberNotices(ctx: Ctx): Promise<Notices> {
  const session = ctx.session.current();
  if (!session || session.user.role !== 'member') return { lines: [], summary: '' };
  const username = session.user.username;
  const [holds, account] = await Promise.all([
    listHolds(ctx.api, { username, status: 'ready', limit: 100 }).catch(() => null),
    getFines(ctx.api, username).catch(() => null),
  ]);
  const lines: string[] = [];
  const summary: string[] = [];
  const ready = holds?.items ?? [];
  if (ready.length > 0) {
    const titles = await titlesFor(ctx, ready).catch(() => new Map<string, string>());
    for (const h of ready) lines.push(`Ready for pickup: ${titles.get(h.bookId) ?? h.bookId} (${h.bookId}), copy ${h.barcode}, until ${when(h.pickupBy)}.`);
    summary.push(`${ready.length} ${ready.length === 1 ? 'hold' : 'holds'} ready`);
  }
  if (account && account.overdueLoans > 0) {
    const n = account.overdueLoans;
    lines.push(`${n} ${n === 1 ? 'loan is' : 'loans are'} overdue: return ${n === 1 ? 'it' : 'them'} to keep borrowing.`);
    summary.push(`${n} overdue`);
  }
  if (account && account.balance > 0) {
    lines.push(`You owe ${money(account.balance)} in fines.`);
    summary.push(`${money(account.balance)} owed`);
  }
  return { lines, summary: summary.join(', ') };
}
