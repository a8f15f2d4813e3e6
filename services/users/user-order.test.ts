// Users in order: a page from the kept order is the page the sort of every account gave.
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDataDir } from '../../test/support/http.js';
import { UsersService } from './service.js';
import { openUsersStore, toPublic, type StoredUser } from './store.js';

describe('users in order', () => {
  it('pages as the sort of every account did, before and after registrations', async () => {
    const store = await openUsersStore(path.join(tempDataDir('user-order-'), 'users'));
    const user = (username: string, i: number): StoredUser => ({
      username, name: `Name ${i % 7}`, email: `${username}@example.org`, role: i % 5 === 0 ? 'librarian' : 'member', active: i % 3 !== 0,
      createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', passwordHash: 'x', lockedUntil: null,
    });
    const names = (n: number, from: number) => Array.from({ length: n }, (_, i) => `u${((from + i) * 7919) % 1000}x${from + i}`);
    await store.change((tx) => names(300, 0).forEach((name, i) => tx.put('users', name, user(name, i))));
    const service = new UsersService(store, { proveCurrentPassword: async () => {} });
    const old = (query: Parameters<UsersService['list']>[0]) => {
      const q = query.q?.toLowerCase();
      const all = [...store.values('users')]
        .filter((u) => query.role === undefined || u.role === query.role)
        .filter((u) => query.active === undefined || u.active === query.active)
        .filter((u) => !q || [u.username, u.name, u.email].some((field) => field.toLowerCase().includes(q)))
        .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
      return { items: all.slice(query.offset, query.offset + query.limit).map(toPublic), total: all.length };
    };
    const check = () => {
      for (const page of [{ limit: 50, offset: 0 }, { limit: 13, offset: 77 }, { limit: 50, offset: 290 }]) {
        for (const filter of [{}, { role: 'librarian' as const }, { active: false }, { q: 'NAME 3' }, { q: 'u1', active: true }]) {
          const query = { ...page, ...filter };
          assert.deepEqual(service.list(query), old(query), JSON.stringify(query));
        }
      }
    };
    check();
    await store.change((tx) => names(40, 300).forEach((name, i) => tx.put('users', name, user(name, i))));
    await store.change((tx) => tx.put('users', 'a-first', user('a-first', 5)));
    check();
    await store.close();
  });
});
