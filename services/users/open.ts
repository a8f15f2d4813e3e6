// Opens the users service's files; main.ts starts it here.
import type { LogFn } from '../shared/http/request-log.js';
import { openUsersStore, type UsersStore } from './store.js';

export interface UsersOptions {
  /** DATA_DIR/users */
  dir: string;
  log: LogFn;
}

export interface OpenUsers {
  store: UsersStore;
  close(): Promise<void>;
}

export async function openUsers(options: UsersOptions): Promise<OpenUsers> {
  const store = await openUsersStore(options.dir);
  const librarians = [...store.values('users')].filter((u) => u.role === 'librarian' && u.active).length;
  // Still starts: members can register and log in; only librarian work has to wait.
  if (librarians === 0) options.log({ level: 'warn', msg: 'no active librarian: run ./setup.sh to create the admin account' });
  return { store, close: () => store.close() };
}
