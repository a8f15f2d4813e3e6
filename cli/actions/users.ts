// users [--role --q], users show | disable | enable | unlock | role | reset-password:
// the librarian's account work.
import { randomBytes } from 'node:crypto';
import type { Page, PublicUser } from '../api/types.js';
import { findUsers, getUser, unlockUser, updateUser, type UserFilter } from '../api/users.js';
import type { Ctx } from '../context.js';
import { userCard, userChanged, userList } from '../ui/account.js';

export async function runUsers(ctx: Ctx, filter: UserFilter): Promise<Page<PublicUser>> {
  const reply = await ctx.out.wait('Listing users', findUsers(ctx.api, filter));
  await ctx.out.emit(reply, (p, style) => userList(p, filter.offset ?? 0, style));
  return reply;
}

export async function runUserShow(ctx: Ctx, input: { username: string }): Promise<PublicUser> {
  const user = await ctx.out.wait('Looking the account up', getUser(ctx.api, input.username));
  await ctx.out.emit(user, userCard);
  return user;
}

export async function runUserActive(ctx: Ctx, input: { username: string; active: boolean }): Promise<PublicUser> {
  const user = await ctx.out.wait(input.active ? 'Enabling' : 'Disabling', updateUser(ctx.api, input.username, { active: input.active }));
  await ctx.out.emit(user, (u, style) => userChanged(u, input.active ? 'enabled: may log in again' : 'disabled: cannot log in, and every token of it stops working', style));
  return user;
}

export async function runUserUnlock(ctx: Ctx, input: { username: string }): Promise<PublicUser> {
  const user = await ctx.out.wait('Unlocking', unlockUser(ctx.api, input.username));
  await ctx.out.emit(user, (u, style) => userChanged(u, 'unlocked: may try to log in again', style));
  return user;
}

export async function runUserRole(ctx: Ctx, input: { username: string; role: 'member' | 'librarian' }): Promise<PublicUser> {
  const user = await ctx.out.wait('Changing the role', updateUser(ctx.api, input.username, { role: input.role }));
  await ctx.out.emit(user, (u, style) => userChanged(u, `is now a ${u.role}`, style));
  return user;
}

/** A new password for an account: the one given, or a random one printed once. */
export async function runUserResetPassword(ctx: Ctx, input: { username: string; password?: string }): Promise<PublicUser & { password?: string }> {
  const password = input.password ?? randomBytes(12).toString('base64url');
  const user = await ctx.out.wait('Setting the password', updateUser(ctx.api, input.username, { password }));
  const result = input.password ? user : { ...user, password };
  await ctx.out.emit(result, (u, style) =>
    userChanged(u, input.password ? 'has the new password' : `has a new password, shown only now: ${style.bold(password)}`, style),
  );
  return result;
}
