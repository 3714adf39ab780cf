/* router.js — which role opens which page, the menu and the header, and the visit of a page by
 * its hash (#/page/arg): the login when no one is logged in, the vocabulary and the bank's dates
 * read once a session, then the page's figures. */
import { api } from './api.js';
import { disposeCharts } from './chart.js';
import { $, el, show } from './dom.js';
import { lang, t } from './i18n.js';
import { pageCertificates } from './pages/certificates.js';
import { pageChains } from './pages/chains.js';
import { pageCities } from './pages/cities.js';
import { pageCity } from './pages/city.js';
import { pageEod } from './pages/eod.js';
import { pageExposures } from './pages/exposures.js';
import { pageFacilities } from './pages/facilities.js';
import { pageInclusive } from './pages/inclusive.js';
import { pageLines } from './pages/lines.js';
import { pageLoans } from './pages/loans.js';
import { loginForm } from './pages/login.js';
import { pageMyCerts } from './pages/mycerts.js';
import { pageMyDemands } from './pages/mydemands.js';
import { pagePipeline } from './pages/pipeline.js';
import { pageProgress } from './pages/progress.js';
import { pageProjects } from './pages/projects.js';
import { pageQuality } from './pages/quality.js';
import { pageQueue } from './pages/queue.js';
import { pageStatus } from './pages/status.js';
import { pageTrends } from './pages/trends.js';
import { forget, session } from './session.js';
import { cityName, loadVocab } from './vocab.js';

/* Each page with the roles that may open it, in the menu's order. */
const PAGES = {
  progress: ['government', 'bank_officer', 'auditor'],
  cities: ['government', 'bank_officer', 'auditor'],
  city: ['government', 'bank_officer', 'auditor'],
  chains: ['government', 'bank_officer', 'auditor'],
  lines: ['government', 'bank_officer', 'auditor'],
  projects: ['government', 'bank_officer', 'auditor'],
  inclusive: ['government', 'bank_officer', 'auditor'],
  trends: ['government', 'bank_officer', 'auditor'],
  pipeline: ['government', 'bank_officer', 'auditor'],
  quality: ['bank_officer', 'auditor'],
  exposures: ['bank_officer', 'auditor'],
  certificates: ['bank_officer', 'auditor'],
  eod: ['bank_officer', 'auditor'],
  queue: ['bank_officer', 'auditor'],
  facilities: ['enterprise'],
  loans: ['enterprise'],
  mycerts: ['enterprise'],
  mydemands: ['enterprise'],
  status: ['admin'],
};
const NAV_HIDDEN = { city: true };

const VIEWS = {
  progress: pageProgress, cities: pageCities, city: pageCity, chains: pageChains, lines: pageLines,
  projects: pageProjects, inclusive: pageInclusive, trends: pageTrends, quality: pageQuality,
  exposures: pageExposures, certificates: pageCertificates, eod: pageEod, facilities: pageFacilities,
  loans: pageLoans, mycerts: pageMyCerts, status: pageStatus, pipeline: pagePipeline,
  queue: pageQueue, mydemands: pageMyDemands,
};

function firstPage() { return Object.keys(PAGES).find((p) => !NAV_HIDDEN[p] && PAGES[p].includes(session.me.role)); }

/* After a login: from the login page to the role's first page; elsewhere, back to the page asked. */
function loggedIn() {
  if (/^#?\/?(login)?$/.test(location.hash)) location.hash = '#/' + firstPage();
  else route();
}

function renderChrome(page) {
  const me = session.me;
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-t]').forEach((e) => { e.textContent = t(e.dataset.t); });
  $('#lang').textContent = lang() === 'zh' ? 'English' : '中文';
  const nav = $('#nav');
  nav.replaceChildren();
  $('#logout').hidden = !me;
  $('#who').textContent = me ? `${me.name} · ${me.role}${me.region ? ' · ' + cityName(me.region) : ''}${me.party ? ' · ' + me.party : ''}` : '';
  if (!me) return;
  for (const p of Object.keys(PAGES)) {
    if (NAV_HIDDEN[p] || !PAGES[p].includes(me.role)) continue;
    nav.append(el('a', { href: '#/' + p, class: p === page ? 'on' : '', 'data-page': p }, t(p)));
  }
}

let routeSeq = 0;

export async function route() {
  /* Each visit renders into its own section; a visit overtaken by another (a click while its
   * figures load) finds its section gone and marks nothing ready. */
  const seq = ++routeSeq;
  disposeCharts();
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
  renderChrome(target);
  root.dataset.page = target;
  if (!VIEWS[target] || !PAGES[target].includes(session.me.role)) {
    main.append(el('p', { class: 'refused' }, t('not_allowed')));
    return;
  }
  try {
    if (unlabelled) throw unlabelled;
    if (session.me.role !== 'admin' && !session.closed) {
      const e = await api('/v1/eod');
      session.closed = e.last_closed;
      session.business = e.business_date;
    }
    await VIEWS[target](main, arg);
    if (seq === routeSeq) root.dataset.ready = target;
  } catch (e) {
    main.append(el('p', { class: 'error' }, e.message));
    if (seq === routeSeq) root.dataset.ready = 'error';
  }
}
