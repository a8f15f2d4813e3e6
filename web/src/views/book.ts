// One book: what it is, whether a copy can be borrowed now, how many are for sale, and
// what the visitor may do about it: borrow or place a hold, buy (members); copies and
// stock (librarians). Guests see the public part and are asked to log in for the rest.
import { api, seg } from '../api.js';
import { clear, h, money } from '../dom.js';
import { load } from '../outcome.js';
import { role } from '../session.js';
import type { Book, BookInfo, BookInventoryDetail } from '../types.js';
import { copiesSection } from './book-copies.js';
import { borrowSection, buySection } from './book-member.js';
import type { View } from './view.js';

export const bookView: View = (main, { params }) => {
  const id = params[0];
  load(main, async () => {
    const who = role();
    const [book, inventory] = await Promise.all([
      api<Book>(`/books/${seg(id)}`, { auth: false }),
      who === 'guest' ? api<BookInfo>(`/info/${seg(id)}`, { auth: false }) : api<BookInventoryDetail>(`/inventory/${seg(id)}`),
    ]);
    document.title = `${book.title} — Library`;
    const availability = h('section', { 'aria-labelledby': 'availability' });
    const show = (stock: number, copies?: { total: number; available: number }) =>
      clear(
        availability,
        h('h2', { id: 'availability' }, 'Availability'),
        h(
          'ul',
          { class: 'facts' },
          copies ? h('li', {}, h('strong', {}, `${copies.available} of ${copies.total}`), ` ${copies.total === 1 ? 'copy' : 'copies'} available to borrow`) : h('li', {}, h('a', { href: `#/login?next=${encodeURIComponent(location.hash)}` }, 'Log in'), ' to see the copies you can borrow.'),
          h('li', {}, h('strong', {}, String(stock)), ' for sale'),
        ),
      );
    const refresh = async () => {
      const fresh = await api<BookInventoryDetail>(`/inventory/${seg(id)}`);
      show(fresh.stock, fresh.copies);
      return fresh;
    };
    show(inventory.stock, 'copies' in inventory ? inventory.copies : undefined);
    return [
      h('h1', { tabindex: '-1' }, book.title),
      h('p', { class: 'meta' }, `by ${book.authors.join(', ')}`),
      h(
        'dl',
        { class: 'details' },
        h('dt', {}, 'ISBN'), h('dd', {}, book.isbn),
        h('dt', {}, 'Topic'), h('dd', {}, book.topic),
        book.year ? [h('dt', {}, 'Year'), h('dd', {}, String(book.year))] : null,
        h('dt', {}, 'Price'), h('dd', {}, money(book.price)),
        h('dt', {}, 'Book id'), h('dd', {}, book.id),
      ),
      availability,
      who === 'member' && 'copies' in inventory ? [borrowSection(book, inventory, refresh), buySection(book, inventory, refresh)] : null,
      who === 'librarian' && 'barcodes' in inventory ? copiesSection(book, inventory, refresh) : null,
    ];
  });
};
