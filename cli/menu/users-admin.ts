// Librarian tools: the list of users, a page at a time.
import { runUsers } from '../actions/users.js';
import type { Ctx } from '../context.js';
import type { MenuEntry } from './entry.js';

const PAGE = 20;

export const usersEntry: MenuEntry = {
  label: 'List users',
  audience: 'librarian',
  async run(ctx: Ctx) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await runUsers(ctx, { limit: PAGE, offset });
      if (offset + page.items.length >= page.total) return;
      if (!(await ctx.ask.confirm('Show the next page?', true))) return;
    }
  },
};
