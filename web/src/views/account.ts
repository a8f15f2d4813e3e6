// Log in and register. Registering logs the new member in at once. Both go back to the
// page that sent the visitor here (?next=), or to the search.
import { api } from '../api.js';
import { clear, field, h, outlet } from '../dom.js';
import { attempt } from '../outcome.js';
import { logIn } from '../relogin.js';
import type { View } from './view.js';

function goOn(query: URLSearchParams): void {
  const next = query.get('next');
  location.hash = next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/';
}

export const loginView: View = (main, { query }) => {
  document.title = 'Log in — Library';
  const user = field('Username', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none' });
  const password = field('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const out = outlet();
  const form = h('form', { class: 'stack' }, user.row, password.row, h('button', { type: 'submit' }, 'Log in'), out);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt(form, out, async () => {
      await logIn(user.input.value.trim(), password.input.value);
      goOn(query);
    });
  });
  const reason = query.get('why');
  clear(
    main,
    h('h1', { tabindex: '-1' }, 'Log in'),
    reason ? h('p', { class: 'note' }, reason) : null,
    form,
    h('p', {}, 'New here? ', h('a', { href: `#/register${location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?')) : ''}` }, 'Register as a member')),
  );
};

export const registerView: View = (main, { query }) => {
  document.title = 'Register — Library';
  const user = field('Username (3–32 of a–z, 0–9, _ . -)', { name: 'username', autocomplete: 'username', required: true, pattern: '[a-z0-9_.\\-]{3,32}', autocapitalize: 'none' });
  const name = field('Full name', { name: 'name', autocomplete: 'name', required: true });
  const email = field('Email', { name: 'email', type: 'email', autocomplete: 'email', required: true });
  const password = field('Password (at least 10 characters)', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const out = outlet();
  const form = h('form', { class: 'stack' }, user.row, name.row, email.row, password.row, h('button', { type: 'submit' }, 'Register'), out);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt(form, out, async () => {
      const username = user.input.value.trim();
      await api('/register', { method: 'POST', auth: false, body: { username, password: password.input.value, name: name.input.value.trim(), email: email.input.value.trim() } });
      await logIn(username, password.input.value);
      goOn(query);
    });
  });
  clear(main, h('h1', { tabindex: '-1' }, 'Register'), form, h('p', {}, 'Already a member? ', h('a', { href: '#/login' }, 'Log in')));
};
