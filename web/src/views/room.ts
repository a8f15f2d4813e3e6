// The reading room: the published dates, and for the chosen one the titles on offer with
// the seats still free; members reserve a seat here.
import { api, seg } from '../api.js';
import { clear, day, h, outlet, uid } from '../dom.js';
import { attempt, load } from '../outcome.js';
import { role } from '../session.js';
import type { Offer, Reservation, Schedule } from '../types.js';
import type { View } from './view.js';

export const roomView: View = (main, { query }) => {
  document.title = 'Reading room — Library';
  const body = h('div');
  clear(main, h('h1', { tabindex: '-1' }, 'Reading room'), body);
  void load(body, async () => {
    const schedule = await api<Schedule>('/schedule', { auth: false });
    const dates = Object.keys(schedule).sort();
    if (!dates.length) return h('p', { class: 'note' }, 'No dates are published yet.');
    const chosen = dates.includes(query.get('date') ?? '') ? query.get('date')! : dates[0];
    const id = uid('date');
    const select = h('select', { id, name: 'date' }, dates.map((d) => h('option', { value: d, selected: d === chosen }, day(d))));
    const offers = h('div', { 'aria-live': 'polite' });
    const show = (date: string) => {
      history.replaceState(null, '', `#/room?date=${date}`);
      void load(offers, async () => offerList(date, await api<Offer[]>(`/schedule/${seg(date)}`, { auth: false })));
    };
    select.addEventListener('change', () => show(select.value));
    show(chosen);
    return [h('div', { class: 'field' }, h('label', { for: id }, 'Date'), select), offers];
  });
};

function offerList(date: string, offers: Offer[]): HTMLElement {
  if (!offers.length) return h('p', { class: 'note' }, `Nothing on offer on ${day(date)}.`);
  return h('ul', { class: 'cards', 'aria-label': `On offer on ${day(date)}` }, offers.map((offer) => offerRow(date, offer)));
}

function offerRow(date: string, offer: Offer): HTMLElement {
  const free = h('span', {}, String(offer.free));
  const out = outlet();
  let reserve: HTMLButtonElement | null = null;
  if (role() === 'member') {
    const button = (reserve = h('button', { type: 'button', 'aria-label': `Reserve a seat for ${offer.title} on ${day(date)}` }, 'Reserve a seat'));
    button.addEventListener('click', () =>
      attempt(button, out, async () => {
        const made = await api<Reservation>('/reservations', { method: 'POST', body: { date, bookId: offer.bookId } });
        free.textContent = String(Math.max(0, Number(free.textContent) - 1));
        return ['Seat reserved (', made.id, '). ', h('a', { href: '#/reservations' }, 'My reservations')];
      }),
    );
  }
  return h(
    'li',
    { class: 'card' },
    h('p', { class: 'title' }, h('a', { href: `#/book/${encodeURIComponent(offer.bookId)}` }, offer.title)),
    h('p', { class: 'meta' }, free, ` of ${offer.seats} seats free`),
    reserve,
    role() === 'guest' ? h('p', { class: 'note' }, h('a', { href: `#/login?next=${encodeURIComponent(`#/room?date=${date}`)}` }, 'Log in'), ' to reserve a seat.') : null,
    out,
  );
}
