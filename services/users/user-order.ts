// Usernames in order, kept as accounts are written (store.onWrite), so a librarian's page
// of users costs the page, not a sort of every account. Names are never removed here:
// accounts are disabled, not deleted.
import { lowerBoundBy } from '../shared/sorted-list.js';
import type { StoredUser, UsersStore } from './store.js';

export class UserOrder {
  private readonly names: string[];

  constructor(private readonly store: UsersStore) {
    this.names = [...store.entries('users')].map(([name]) => name).sort(byCodeUnit);
    store.onWrite((collection, id, before, after) => {
      if (collection === 'users' && !before && after) this.insert(id);
    });
  }

  /** Accounts in username order that pass `wanted`: the page asked for, and how many pass in all. */
  page(offset: number, limit: number, wanted?: (user: StoredUser) => boolean): { items: StoredUser[]; total: number } {
    if (!wanted) {
      const items = this.names.slice(offset, offset + limit).map((name) => this.store.get('users', name)!);
      return { items, total: this.names.length };
    }
    const items: StoredUser[] = [];
    let total = 0;
    for (const name of this.names) {
      const user = this.store.get('users', name)!;
      if (!wanted(user)) continue;
      if (total >= offset && items.length < limit) items.push(user);
      total++;
    }
    return { items, total };
  }

  private insert(name: string): void {
    const at = lowerBoundBy(this.names, name, byCodeUnit);
    if (this.names[at] !== name) this.names.splice(at, 0, name);
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
