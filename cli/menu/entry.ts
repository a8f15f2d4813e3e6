// A line of the menu. Who sees it follows the session: guests see "log in", users their
// own things, librarians the librarian tools.
import type { Ctx } from '../context.js';
import type { CurrentSession } from '../session.js';

export type Audience = 'anyone' | 'guest' | 'user' | 'librarian';

export interface MenuEntry {
  label: string;
  /** Shown under the list while the entry is highlighted. */
  description?: string;
  audience: Audience;
  run(ctx: Ctx): Promise<void>;
}

export function visibleTo(entry: MenuEntry, session: CurrentSession | null): boolean {
  switch (entry.audience) {
    case 'anyone':
      return true;
    case 'guest':
      return session === null;
    case 'user':
      return session !== null;
    case 'librarian':
      return session?.user.role === 'librarian';
  }
}
