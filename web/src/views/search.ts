// Search: results as you type, a quarter of a second after the last key, and only the
// latest answer is shown (an earlier, slower one is abandoned).
import { api, qs, type Page } from '../api.js';
import { clear, field, h, money, outlet } from '../dom.js';
import { showProblem, working } from '../outcome.js';
import type { Book } from '../types.js';
import type { View } from './view.js';

const DEBOUNCE_MS = 250;
const PAGE = 20;

export const searchView: View = (main, { query }) => {
  const search = field('Title, author or ISBN', { name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false', value: query.get('q') ?? '' });
  const status = h('p', { class: 'note', 'aria-live': 'polite', id: 'search-status' });
  const list = h('ul', { class: 'cards', 'aria-label': 'Books found' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  const out = outlet();
  search.input.setAttribute('aria-describedby', status.id);
  clear(
    main,
    h('h1', { tabindex: '-1' }, 'Find a book'),
    h('form', { role: 'search', class: 'stack', onsubmit: (e: Event) => (e.preventDefault(), run(0)) }, search.row),
    status,
    list,
    more,
    out,
  );

  let timer: number | undefined;
  let inFlight: AbortController | undefined;
  let shown = 0;

  async function run(offset: number): Promise<void> {
    inFlight?.abort();
    const controller = (inFlight = new AbortController());
    const done = working();
    const q = search.input.value.trim();
    history.replaceState(null, '', q ? `#/?q=${encodeURIComponent(q)}` : '#/');
    try {
      const page = await api<Page<Book>>(`/books${qs({ q, limit: PAGE, offset })}`, { auth: false, signal: controller.signal });
      if (controller.signal.aborted) return;
      if (offset === 0) clear(list);
      list.append(...page.items.map(card));
      shown = offset + page.items.length;
      clear(out);
      status.textContent = page.total === 0 ? `No book matches “${q}”.` : `${q ? 'Found' : 'The catalog:'} ${page.total} book${page.total === 1 ? '' : 's'}; showing ${shown}.`;
      more.hidden = shown >= page.total;
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      showProblem(out, error);
    } finally {
      done();
    }
  }

  let typing: (() => void) | undefined;
  search.input.addEventListener('input', () => {
    window.clearTimeout(timer);
    typing ??= working();
    timer = window.setTimeout(() => {
      void run(0);
      typing?.();
      typing = undefined;
    }, DEBOUNCE_MS);
  });
  more.addEventListener('click', () => void run(shown));
  void run(0);
  return () => {
    window.clearTimeout(timer);
    typing?.();
    inFlight?.abort();
  };
};

function card(book: Book): HTMLElement {
  return h(
    'li',
    { class: 'card' },
    h('a', { href: `#/book/${encodeURIComponent(book.id)}`, class: 'title' }, book.title),
    h('p', { class: 'meta' }, book.authors.join(', '), book.year ? ` · ${book.year}` : '', ` · ${book.topic} · ${money(book.price)}`),
  );
}
