/* login.js — the login form: name and password to /v1/session; then loggedIn() (the router's:
 * the role's first page, or the page asked). A wrong password or a refused login says why. */
import { api } from '../api.js';
import { el } from '../dom.js';
import { apiMessage } from '../errors.js';
import { t } from '../i18n.js';
import { session } from '../session.js';

export function loginForm(main, loggedIn) {
  const form = el('form', { class: 'login' },
    el('h1', {}, t('title')),
    el('label', {}, t('name'), el('input', { name: 'name', autocomplete: 'username', required: '' })),
    el('label', {}, t('password'), el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: '' })),
    el('button', { class: 'primary', type: 'submit' }, t('login')),
    el('p', { class: 'muted login-error', role: 'alert' }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    form.querySelector('.login-error').textContent = '';
    try {
      session.me = await api('/v1/session', { name: form.name.value, password: form.password.value });
      loggedIn();
    } catch (e) {
      form.querySelector('.login-error').textContent = e.status === 401 ? t('wrong') : apiMessage(e);
    }
  });
  main.append(form);
}
