// login, logout, whoami, register: who the client acts as.
import type { LoginResponse, PublicUser, RegisterRequest } from '../api/types.js';
import { login, me, register } from '../api/users.js';
import type { Ctx } from '../context.js';
import { loggedIn, registered, userCard } from '../ui/account.js';
import { when } from '../ui/format.js';
import { memberNotices } from '../flows/member-notices.js';

export async function runLogin(ctx: Ctx, input: { username: string; password: string }): Promise<LoginResponse> {
  const reply = await ctx.out.wait('Logging in', login(ctx.api, input.username, input.password));
  ctx.session.save(reply, ctx.api.baseUrl);
  await ctx.out.emit(reply, loggedIn);
  warnIfTokenInEnv(ctx);
  if (!ctx.out.json) for (const line of (await memberNotices(ctx)).lines) ctx.out.warn(line);
  return reply;
}

export async function runLogout(ctx: Ctx): Promise<{ loggedOut: boolean; sessionFile: string }> {
  const result = { loggedOut: ctx.session.clear(), sessionFile: ctx.session.file };
  await ctx.out.emit(result, (r) => (r.loggedOut ? 'Logged out.' : 'You were not logged in.'));
  warnIfTokenInEnv(ctx);
  return result;
}

export async function runWhoami(ctx: Ctx): Promise<PublicUser> {
  const user = await ctx.out.wait('Asking who you are', me(ctx.api));
  const current = ctx.session.current();
  const session = current ? `${current.source}${current.expiresAt ? `, valid until ${when(current.expiresAt)}` : ''}` : undefined;
  await ctx.out.emit(user, (u, style) => userCard({ ...u, session }, style));
  return user;
}

/** `thenLogin`: the menu logs the new member in at once, so the hint to do so is left out. */
export async function runRegister(ctx: Ctx, request: RegisterRequest, thenLogin = false): Promise<PublicUser> {
  const user = await ctx.out.wait('Registering', register(ctx.api, request));
  await ctx.out.emit(user, (u, style) => registered(u, style, !thenLogin));
  return user;
}

function warnIfTokenInEnv(ctx: Ctx): void {
  if (ctx.io.env.LIBRARY_TOKEN) ctx.out.warn('Note: LIBRARY_TOKEN is set, and it is used instead of the session file until you unset it.');
}
