/* main.js — finbridge's dashboard: one page, a first screen per role, every figure read from the
 * HTTP API (/v1) with the session cookie of the login, every label of the domain from /v1/meta.
 * Chinese by default, English on a switch; amounts in 万元 or 亿元 computed from the API's
 * decimal strings with integers (BigInt), never floating point; charts by ECharts, loaded after
 * login. The pages register in pages.js, one module each under pages/. */
import { api } from './api.js';
import { resizeCharts } from './chart.js';
import { $ } from './dom.js';
import { toggleLang } from './i18n.js';
import { route } from './router.js';
import { forget } from './session.js';

$('#lang').addEventListener('click', () => {
  toggleLang();
  route();
});
$('#logout').addEventListener('click', async () => {
  try { await api('/v1/session', undefined, 'DELETE'); } catch (e) { /* already ended */ }
  forget();
  location.hash = '#/login';
});
$('#menu').addEventListener('click', () => {
  const open = document.body.classList.toggle('menu-open');
  $('#menu').setAttribute('aria-expanded', String(open));
});
window.addEventListener('hashchange', route);
window.addEventListener('resize', resizeCharts);
route();
