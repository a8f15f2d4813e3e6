// Librarian tools → Users: find accounts (a page at a time) and work on one of them
// (show, disable, enable, unlock, role, reset password), staying in Users until Back.
import { runUsers } from '../actions/users.js';
import type { Ctx } from '../context.js';
import { accountFlow } from '../flows/user-account.js';
import type { MenuEntry } from './entry.js';
import { menuLoop } from './loop.js';

const PAGE = 20;

const findUsersEntry: MenuEntry = {
  label: 'Find users',
  description: 'members and librarians whose username, name or email contain some words',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const q = (await ctx.ask.text('Username, name or email (empty for everyone):')).trim() || undefined;
    for (let offset = 0; ; offset += PAGE) {
      const page = await runUsers(ctx, { q, limit: PAGE, offset });
      if (offset + page.items.length >= page.total) return;
      if (!(await ctx.ask.confirm('Show the next page?', true))) return;
    }
  },
};

const accountEntry: MenuEntry = {
  label: 'An account',
  description: 'show one; disable, enable, unlock it, change its role or its password',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const username = (await ctx.ask.text('Username:', { required: true })).trim();
    await accountFlow(ctx, username);
  },
};

export const usersEntry: MenuEntry = {
  label: 'Users',
  description: 'find members and librarians; show, disable, enable, unlock, role, password',
  audience: 'librarian',
  run: (ctx: Ctx) => menuLoop(ctx, [findUsersEntry, accountEntry], () => 'Users', 'Back'),
};
