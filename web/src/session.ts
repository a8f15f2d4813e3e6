// Who is logged in. The token lives in this tab's sessionStorage (never a cookie, so no
// request is ever authorised just by being sent: no CSRF), and goes only into the
// Authorization header of calls to the same origin. It is read at each call, so what the
// tab holds is always what is sent.
export type Role = 'member' | 'librarian';

export interface Session {
  token: string;
  expiresAt: string;
  user: { username: string; name: string; role: Role };
}

const KEY = 'library-session';
const listeners = new Set<() => void>();

export function session(): Session | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return saved && typeof saved.token === 'string' && saved.user ? saved : null;
  } catch {
    return null;
  }
}

export function role(): Role | 'guest' {
  return session()?.user.role ?? 'guest';
}

export function setSession(next: Session | null): void {
  const before = session()?.user;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  const changedUser = before?.username !== next?.user.username || before?.role !== next?.user.role;
  if (changedUser) for (const listener of listeners) listener();
}

/** Called when the user (or their role) changes, not when the same user logs in again. */
export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}
