// My reading-room reservations, with cancelling.
import { api, seg, type Page } from '../api.js';
import { clear, day, h, outlet } from '../dom.js';
import { attempt, load } from '../outcome.js';
import type { Reservation } from '../types.js';
import type { View } from './view.js';

export const reservationsView: View = (main) => {
  document.title = 'My reservations — Library';
  const list = h('div');
  clear(main, h('h1', { tabindex: '-1' }, 'My reservations'), list);
  const refresh = (): Promise<void> =>
    load(list, async () => {
      const page = await api<Page<Reservation>>('/reservations?limit=100');
      if (!page.items.length) return h('p', { class: 'note' }, 'No reservations. ', h('a', { href: '#/room' }, 'See the reading room'));
      return h('ul', { class: 'cards', 'aria-label': 'Reservations' }, page.items.map((r) => row(r, refresh)));
    });
  void refresh();
};

function row(reservation: Reservation, refresh: () => Promise<void>): HTMLElement {
  const out = outlet();
  const cancel = h('button', { type: 'button', class: 'secondary', 'aria-label': `Cancel the seat for ${reservation.title} on ${day(reservation.date)}` }, 'Cancel');
  cancel.addEventListener('click', () =>
    attempt(cancel, out, async () => {
      await api(`/reservations/${seg(reservation.id)}`, { method: 'DELETE' });
      await refresh();
    }),
  );
  return h(
    'li',
    { class: 'card' },
    h('p', { class: 'title' }, h('a', { href: `#/book/${encodeURIComponent(reservation.bookId)}` }, reservation.title)),
    h('p', { class: 'meta' }, `${day(reservation.date)} · ${reservation.id}`),
    cancel,
    out,
  );
}
