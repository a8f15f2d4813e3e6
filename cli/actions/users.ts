// users: the librarian's list of accounts.
import type { Page, PageQuery, PublicUser } from '../api/types.js';
import { listUsers } from '../api/users.js';
import type { Ctx } from '../context.js';
import { userList } from '../ui/account.js';

export async function runUsers(ctx: Ctx, page: PageQuery): Promise<Page<PublicUser>> {
  const reply = await ctx.out.wait('Listing users', listUsers(ctx.api, page));
  await ctx.out.emit(reply, (p, style) => userList(p, page.offset ?? 0, style));
  return reply;
}
