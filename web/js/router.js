/* router.js — the visit of a page by its hash (#/page/arg?as_of=...): the login when no one is
 * logged in, the vocabulary and the bank's dates read once a session, then the page's figures.
 * The pages and who may open them are registered in pages.js; the menu and the header are
 * drawn from it. */
import { api } from './api.js';
import { disposeCharts, loadCharts } from './chart.js';
import { $, el, show } from './dom.js';
import { apiMessage } from './errors.js';
import { lang, t } from './i18n.js';
import { PAGES, pageNamed } from './pages.js';
import { loginForm } from './pages/login.js';
import { forget, session } from './session.js';
import { cityName, label, loadVocab } from './vocab.js';

function firstPage() { const p = PAGES.find((x) => x.menu && x.roles.includes(session.me.role)); return p ? p.name : 'home'; }

/* After a login: from the login page to the role's first page; elsewhere, back to the page asked. */
function loggedIn() {
  if (/^#?\/?(login)?$/.test(location.hash)) location.hash = '#/' + firstPage();
  else route();
}

/* The header: one row; the menu folds behind its button on a phone. */
function renderChrome(page) {
  const me = session.me;
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-t]').forEach((e) => { e.textContent = t(e.dataset.t); });
  $('#lang').textContent = lang() === 'zh' ? 'English' : '中文';
  const nav = $('#nav');
  nav.replaceChildren();
  $('#logout').hidden = !me;
  $('#menu').hidden = !me;
  $('#who').textContent = me ? [me.name, session.simulation ? t('simulation') : '', label('roles', me.role), me.region ? cityName(me.region) : '', me.party_name || me.party || ''].filter(Boolean).join(' · ') : '';
  if (!me) return;
  for (const p of PAGES) {
    if (!p.menu || !p.roles.includes(me.role)) continue;
    /* A page under another (the schemes' second and third) lights its menu entry. */
    const on = p.name === page || (pageNamed(page) || {}).under === p.name;
    nav.append(el('a', { href: '#/' + p.name, class: on ? 'on' : '', 'data-page': p.name, 'aria-current': on ? 'page' : null }, t(p.label || p.name)));
  }
}

let routeSeq = 0;

export async function route() {
  /* Each visit renders into its own section; a visit overtaken by another (a click while its
   * figures load) finds its section gone and marks nothing ready. */
  const seq = ++routeSeq;
  disposeCharts();
  document.body.classList.remove('menu-open');
  $('#menu').setAttribute('aria-expanded', 'false');
  const root = $('#main');
  const main = el('section');
  root.replaceChildren(main);
  delete root.dataset.ready;
  const [path] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, arg] = path.split('/').map(decodeURIComponent);
  if (!session.me) {
    try {
      session.me = await api('/v1/me', undefined, undefined, true);
    } catch (e) {
      session.me = null;
      /* A session cookie the server no longer knows: say so; no cookie at all: just log in. */
      if (e.problem && e.problem.field === 'session' && page !== 'login') show(t('expired'), true);
    }
  }
  if (page === 'login') forget(); /* a login page starts afresh */
  if (!session.me || page === 'login') {
    renderChrome(null);
    loginForm(main, loggedIn);
    return;
  }
  if (seq !== routeSeq) return;
  const target = page || firstPage();
  /* The labels of the header and of every page: read once, after login. */
  let unlabelled = null;
  await loadVocab().catch((e) => { unlabelled = e; });
  if (seq !== routeSeq || !session.me) return;
  loadCharts().catch(() => { /* the pages say so where a chart would be */ });
  renderChrome(target);
  root.dataset.page = target;
  const p = pageNamed(target);
  if (!p || !p.roles.includes(session.me.role)) {
    main.append(el('p', { class: 'refused' }, t('not_allowed')));
    return;
  }
  try {
    if (unlabelled) throw unlabelled;
    if (session.me.role !== 'admin' && !session.closed) {
      const e = await api('/v1/eod');
      session.closed = e.last_closed;
      session.business = e.business_date;
      if (e.simulation && !session.simulation) { session.simulation = true; renderChrome(target); }
    }
    if (session.me.role === 'enterprise' && !session.me.party_name) {
      const party = await api(`/v1/parties/${encodeURIComponent(session.me.party)}`).catch(() => null);
      if (party) { session.me.party_name = party.name; renderChrome(target); }
    }
    await p.view(main, arg, p);
    if (seq === routeSeq) root.dataset.ready = target;
  } catch (e) {
    main.append(el('p', { class: 'error' }, apiMessage(e)));
    if (seq === routeSeq) root.dataset.ready = 'error';
  }
}
