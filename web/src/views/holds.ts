// My holds: my place in each queue, the copy waiting for me on the hold shelf (and until
// when), and cancelling.
import { api, seg, type Page } from '../api.js';
import { bookLink } from '../books.js';
import { clear, h, outlet, when } from '../dom.js';
import { attempt, load } from '../outcome.js';
import type { Hold } from '../types.js';
import type { View } from './view.js';

export const holdsView: View = (main) => {
  document.title = 'My holds — Library';
  const list = h('div');
  clear(main, h('h1', { tabindex: '-1' }, 'My holds'), list);
  const refresh = (): Promise<void> =>
    load(list, async () => {
      const page = await api<Page<Hold>>('/holds?limit=100');
      const open = page.items.filter((hold) => hold.status === 'waiting' || hold.status === 'ready');
      const closed = page.items.filter((hold) => !open.includes(hold));
      return [
        open.length ? h('ul', { class: 'cards', 'aria-label': 'Open holds' }, await Promise.all(open.map((hold) => holdRow(hold, refresh)))) : h('p', { class: 'note' }, 'No open holds. Place one from a book whose copies are all out.'),
        closed.length ? [h('h2', {}, 'Closed'), h('ul', { class: 'cards' }, await Promise.all(closed.map((hold) => holdRow(hold, refresh))))] : null,
      ];
    });
  void refresh();
};

async function holdRow(hold: Hold, refresh: () => Promise<void>): Promise<HTMLElement> {
  const title = await bookLink(hold.bookId);
  const state =
    hold.status === 'ready'
      ? h('strong', { class: 'ready' }, `Ready for pickup: copy ${hold.barcode} is on the hold shelf until ${when(hold.pickupBy!)}`)
      : hold.status === 'waiting'
        ? `Waiting: number ${hold.position} in line`
        : `${hold.status} ${hold.closedAt ? when(hold.closedAt) : ''}`;
  const out = outlet();
  let cancel: HTMLButtonElement | null = null;
  if (hold.status === 'waiting' || hold.status === 'ready') {
    const button = (cancel = h('button', { type: 'button', class: 'secondary', 'aria-label': `Cancel hold on ${title.textContent}` }, 'Cancel hold'));
    button.addEventListener('click', () =>
      attempt(button, out, async () => {
        await api(`/holds/${seg(hold.id)}`, { method: 'DELETE' });
        await refresh();
      }),
    );
  }
  return h('li', { class: 'card' }, h('p', { class: 'title' }, title), h('p', { class: 'meta' }, state), cancel, out);
}
