// When the token ends mid-task (expired, or the account's tokens were revoked), the call
// that met the 401 waits while this dialog asks for the password again; then that call is
// sent again. The page under the dialog, and whatever was typed into it, stays as it was.
import { api, type ApiProblem } from './api.js';
import { field, h, outlet } from './dom.js';
import { attempt } from './outcome.js';
import { session, setSession } from './session.js';
import type { LoginAnswer } from './types.js';

let pending: Promise<boolean> | null = null;

export function logInAgain(problem: ApiProblem): Promise<boolean> {
  pending ??= ask(problem).finally(() => (pending = null));
  return pending;
}

export async function logIn(username: string, password: string): Promise<LoginAnswer> {
  const answer = await api<LoginAnswer>('/login', { method: 'POST', body: { username, password }, auth: false });
  setSession({ token: answer.token, expiresAt: answer.expiresAt, user: answer.user });
  return answer;
}

function ask(problem: ApiProblem): Promise<boolean> {
  return new Promise((resolve) => {
    const known = session()?.user.username ?? '';
    const user = field('Username', { name: 'username', autocomplete: 'username', required: true, value: known });
    const password = field('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const out = outlet();
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const form = h('form', { method: 'dialog', class: 'stack' }, user.row, password.row, h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Log in and go on'), cancel), out);
    const dialog = h(
      'dialog',
      { 'aria-labelledby': 'relogin-title', 'aria-describedby': 'relogin-why', class: 'relogin' },
      h('h2', { id: 'relogin-title' }, 'Log in again to go on'),
      h('p', { id: 'relogin-why' }, `${problem.problem.detail ?? problem.problem.title}. What you typed on the page is kept.`),
      form,
    );
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(ok);
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await attempt(form, out, async () => {
        await logIn(user.input.value.trim(), password.input.value);
        finish(true);
      });
    });
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('close', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
    (known ? password.input : user.input).focus();
  });
}
