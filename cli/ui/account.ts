// How accounts look: who is logged in, and the users list.
import type { LoginResponse, Page, PublicUser } from '../api/types.js';
import { fields, pageFooter, when } from './format.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

export function loggedIn(reply: LoginResponse, style: Style): string {
  return `Logged in as ${style.bold(reply.user.username)} (${reply.user.role}) until ${when(reply.expiresAt)}.`;
}

export function registered(user: PublicUser, style: Style, hint = true): string {
  const done = `Registered ${style.bold(user.username)} as a ${user.role}.`;
  return hint ? `${done} Log in with: library login ${user.username}` : done;
}

export function userCard(user: PublicUser & { session?: string }, style: Style): string {
  return [
    `${style.bold(user.username)} (${user.role})`,
    fields(
      [
        ['Name', user.name],
        ['Email', user.email],
        ['Active', user.active ? 'yes' : style.warn('no')],
        ['Since', when(user.createdAt)],
        ['Session', user.session],
      ],
      style,
    ),
  ].join('\n');
}

export async function userList(page: Page<PublicUser>, offset: number, style: Style): Promise<string> {
  if (page.items.length === 0) return page.total > 0 ? `No more users (there are ${page.total}).` : 'No users.';
  const table = await renderTable(
    [{ head: 'Username', keep: true }, { head: 'Name' }, { head: 'Email' }, { head: 'Role' }, { head: 'Active' }],
    page.items.map((u) => [u.username, u.name, u.email, u.role, u.active ? 'yes' : 'no']),
    style,
  );
  return [table, pageFooter(page.items.length, offset, page.total, style)].filter(Boolean).join('\n');
}

export function userChanged(user: PublicUser, what: string, style: Style): string {
  return `${style.bold(user.username)} (${user.role}) ${what}.`;
}
