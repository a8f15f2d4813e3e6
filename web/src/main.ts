// The web front desk: one page, its views chosen by the part of the address after '#'.
// Plain TypeScript and the DOM, no framework: a dozen forms and lists do not need one,
// and the whole page stays a few dozen KiB.
import './styles.css';
import { configureApi } from './api.js';
import { clear, h } from './dom.js';
import { checkHealth, noteTrouble } from './outage.js';
import { logInAgain } from './relogin.js';
import { onSessionChange, role, session, setSession, type Role } from './session.js';
import { loginView, registerView } from './views/account.js';
import { bookView } from './views/book.js';
import { deskView } from './views/desk.js';
import { holdsView } from './views/holds.js';
import { loansView } from './views/loans.js';
import { ordersView } from './views/orders.js';
import { reservationsView } from './views/reservations.js';
import { roomView } from './views/room.js';
import { searchView } from './views/search.js';
import type { View } from './views/view.js';

type Who = Role | 'guest';
interface Route {
  pattern: RegExp;
  name: string;
  view: View;
  /** Who may open it; the API would refuse everyone else, so the page does not offer it. */
  who: Who[];
  /** In the main navigation, with this label. */
  nav?: string;
}

const ALL: Who[] = ['guest', 'member', 'librarian'];
const ROUTES: Route[] = [
  { pattern: /^\/$/, name: 'search', view: searchView, who: ALL, nav: 'Search' },
  { pattern: /^\/book\/([^/]+)$/, name: 'book', view: bookView, who: ALL },
  { pattern: /^\/room$/, name: 'room', view: roomView, who: ALL, nav: 'Reading room' },
  { pattern: /^\/loans$/, name: 'loans', view: loansView, who: ['member'], nav: 'My loans' },
  { pattern: /^\/holds$/, name: 'holds', view: holdsView, who: ['member'], nav: 'My holds' },
  { pattern: /^\/orders$/, name: 'orders', view: ordersView, who: ['member'], nav: 'My orders' },
  { pattern: /^\/reservations$/, name: 'reservations', view: reservationsView, who: ['member'], nav: 'My reservations' },
  { pattern: /^\/desk$/, name: 'desk', view: deskView, who: ['librarian'], nav: 'Desk' },
  { pattern: /^\/login$/, name: 'login', view: loginView, who: ['guest'], nav: 'Log in' },
  { pattern: /^\/register$/, name: 'register', view: registerView, who: ['guest'], nav: 'Register' },
];

let leave: (() => void) | void;
let first = true;

function render(): void {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, search = ''] = hash.split('?');
  const main = document.getElementById('main')!;
  const route = ROUTES.find((r) => r.pattern.test(path));
  leave?.();
  leave = undefined;
  drawNav(route?.name);
  document.title = 'Library';
  if (!route) {
    clear(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Search the catalog')));
  } else if (!route.who.includes(role())) {
    refuse(main, route);
  } else {
    const params = (route.pattern.exec(path) ?? []).slice(1).map(decodeURIComponent);
    leave = route.view(main, { params, query: new URLSearchParams(search) });
  }
  main.dataset.view = route?.name ?? 'not-found';
  // A new view is announced by moving to its heading, unless it put the focus somewhere
  // itself (the desk's barcode field).
  if (!first && !main.contains(document.activeElement)) (main.querySelector('h1') ?? main).focus();
  first = false;
}

function refuse(main: HTMLElement, route: Route): void {
  if (role() === 'guest') {
    location.replace(`#/login?next=${encodeURIComponent(location.hash)}&why=${encodeURIComponent('Log in to see this page.')}`);
    return;
  }
  const text = route.who.includes('guest') ? 'You are logged in already.' : route.who.includes('librarian') ? 'This page is for librarians.' : 'This page is for members.';
  clear(main, h('h1', { tabindex: '-1' }, 'Not for you'), h('p', {}, text, ' ', h('a', { href: '#/' }, 'Search the catalog')));
}

function drawNav(current: string | undefined): void {
  const who = role();
  const links = ROUTES.filter((r) => r.nav && r.who.includes(who)).map((r) =>
    h('li', {}, h('a', { href: r.name === 'search' ? '#/' : `#/${r.name}`, 'aria-current': r.name === current ? 'page' : null }, r.nav!)),
  );
  const user = session()?.user;
  const out = user
    ? h('li', { class: 'who' }, h('span', {}, `${user.name} (${user.username}${user.role === 'librarian' ? ', librarian' : ''})`), ' ', h('button', { type: 'button', class: 'link', onclick: logOut }, 'Log out'))
    : null;
  clear(document.getElementById('nav')!, h('ul', {}, links, out));
}

function logOut(): void {
  setSession(null);
  location.hash = '#/';
}

configureApi({ reauthenticate: logInAgain, onTrouble: noteTrouble });
onSessionChange(render);
// In-page anchors such as the skip link (#main) are not views.
window.addEventListener('hashchange', () => (location.hash === '' || location.hash.startsWith('#/') ? render() : undefined));
render();
void checkHealth();
document.documentElement.dataset.ready = 'true';
