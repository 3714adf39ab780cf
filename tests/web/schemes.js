// schemes.js — the government's schemes' pages in a real browser (Debian's Chromium, driven by
// playwright-core), on a small demo book whose province runs a risk-compensation pool, an
// interest subsidy and a guarantee company (and Dalian a pool of its own): for the bank, the
// auditor, the province's and Dalian's governments, every figure the pools, subsidies and
// guarantees pages show is the API's answer for the same user (compared field by field, nothing
// hard-coded); Dalian's government sees Dalian alone; the province's sees a small cell as —;
// an enterprise has none of the pages but its own subsidies (each loan's accrued, paid and
// pending the API's, another enterprise's not found); the guarantee company's user lands on its
// page, its figures and each guarantee the API's; the subsidies page lists each scheme with
// whom it is for; the as-of picker shows each page's figures as the API has them that day (the
// choice in the URL, kept by the tabs); no page shows a raw key of the vocabulary, `undefined`
// or NaN, none scrolls sideways at 390 px, and no page logs an error. Screenshots go to OUT.
//
// Usage: node schemes.js FINBRIDGE BOOK WEB OUT COMPANY SUBSIDISED
'use strict';
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');

const [finbridge, book, web, out, company, subsidised] = process.argv.slice(2);
const { chromium } = require(path.join(path.resolve(web), 'node_modules', 'playwright-core'));

let passed = 0;
let failed = 0;
function check(name, cond, detail) {
  if (cond) {
    passed++;
    console.log('ok ' + name);
  } else {
    failed++;
    console.log('FAIL ' + name);
    if (detail !== undefined) console.log('  ' + String(detail).slice(0, 600));
  }
}

let server = null;
let port = 0;
async function startServer() {
  const portFile = path.join(out, 'port');
  try { fs.unlinkSync(portFile); } catch (e) { /* none yet */ }
  server = spawn(finbridge, ['serve', '--db', book, '--listen', '127.0.0.1:0', '--port-file', portFile, '--web', web],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(portFile)) {
      const text = fs.readFileSync(portFile, 'utf8').trim();
      if (text) { port = Number(text); return; }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}
async function stopServer() {
  if (!server) return;
  const done = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await done;
  server = null;
}
const base = () => `http://127.0.0.1:${port}`;

async function apiFromPage(page, p) {
  return page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }, p);
}

async function postFromPage(page, p, body) {
  return page.evaluate(async ([url, b]) => {
    const r = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'finbridge' }, body: JSON.stringify(b) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }, [p, body]);
}

let loads = 0;
async function login(ctx, page, name) {
  await ctx.clearCookies();
  await page.goto(`${base()}/?load=${++loads}#/login`);
  await page.waitForSelector('form.login');
  await page.fill('form.login input[name=name]', name);
  await page.fill('form.login input[name=password]', name + '-2025');
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('#nav a');
}

async function open(page, hash, screenshot) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  const name = hash.replace(/^#\//, '').split(/[/?]/)[0];
  await page.waitForSelector(`main[data-ready="${name}"], main[data-ready="error"]`, { timeout: 30000 });
  if (screenshot) await page.screenshot({ path: path.join(out, screenshot + '.png'), fullPage: true });
  return page.getAttribute('main', 'data-ready');
}

// The vocabulary's keys, and undefined, NaN, null: none may show as such on a Chinese page.
let rawKeys = null;
async function noRawKey(page, name) {
  if (!rawKeys) {
    const meta = (await apiFromPage(page, '/v1/meta')).body;
    const keys = new Set(['undefined', 'NaN', 'null', '[object Object]']);
    for (const v of Object.values(meta)) if (Array.isArray(v)) v.forEach((e) => { if (e.key && /[a-z]/.test(e.key)) keys.add(e.key); });
    rawKeys = new RegExp(`(^|[^A-Za-z0-9_.:-])(${[...keys].map((k) => k.replace(/[[\]]/g, '\\$&')).join('|')})(?![A-Za-z0-9_.:-])`);
  }
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  const m = rawKeys.exec(text);
  check(`${name}: no raw key, undefined or NaN on the page`, !m, m && `"${m[2]}" in …${text.slice(Math.max(0, m.index - 60), m.index + 60)}…`);
}

async function phone(page, name, screenshot) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(`${name}: no sideways scroll at 390 px`, width <= 390, `scroll width ${width}`);
  if (screenshot) await page.screenshot({ path: path.join(out, screenshot + '-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(`${name}: no sideways scroll at 1440 px`, wide <= 1440, `scroll width ${wide}`);
}

/* A table's rows: key, and each cell's data-raw (null when the cell has none). */
function rowsOf(page, selector) {
  return page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => ({
    key: tr.dataset.key,
    raw: [...tr.cells].map((td) => (td.dataset.raw === undefined ? null : td.dataset.raw)),
    text: [...tr.cells].map((td) => td.textContent),
  })));
}
/* The cards' data-raw by their data-card within a group. */
function cardsOf(page, selector) {
  return page.$$eval(`${selector} [data-card]`, (cs) => Object.fromEntries(cs.map((c) => [c.dataset.card, c.querySelector('.value').dataset.raw === undefined ? null : c.querySelector('.value').dataset.raw])));
}
const same = (a, b) => (a === undefined ? null : a) === (b === undefined ? null : b);

async function pools(page, who) {
  check(`${who}: the pools page opens`, (await open(page, '#/pools', `${who}-pools`)) === 'pools');
  const api = (await apiFromPage(page, '/v1/pools')).body;
  const bad = [];
  for (const p of api) {
    const c = await cardsOf(page, `.pool-cards[data-pool="${p.id}"]`);
    for (const k of ['balance', 'covered', 'leverage_used', 'paid', 'returned', 'npl_ratio']) if (!same(c[k], p[k])) bad.push(`${p.id}.${k}: ${c[k]} vs ${p[k]}`);
  }
  const rows = await rowsOf(page, 'table.pools');
  check(`${who}: each pool's balance, coverage, leverage used, claims paid, recoveries and NPL ratio are the API's (${api.length})`,
    api.length > 0 && bad.length === 0 && rows.length === api.length && rows.every((r, i) => r.key === api[i].id && r.raw[2] === api[i].funded && r.raw[3] === api[i].balance && r.raw[4] === api[i].covered && r.raw[8] === api[i].paid && r.raw[9] === api[i].returned),
    bad.concat(rows.map((r) => JSON.stringify(r))).join('; '));
  const suspended = await page.$$eval('table.pools [data-suspended]', (s) => s.map((e) => e.dataset.suspended));
  check(`${who}: each pool's suspension is the API's`, JSON.stringify(suspended) === JSON.stringify(api.map((p) => String(p.suspended))), suspended.join(','));
  await noRawKey(page, `${who}: pools`);
  await phone(page, `${who}: pools`, `${who}-pools`);
  return api;
}

async function subsidies(page, who, government) {
  check(`${who}: the subsidies page opens`, (await open(page, '#/subsidies', `${who}-subsidies`)) === 'subsidies');
  const api = (await apiFromPage(page, '/v1/subsidies')).body;
  const bad = [];
  let claims = [];
  for (const s of api) {
    const c = await cardsOf(page, `.subsidy-cards[data-scheme="${s.id}"]`);
    for (const k of ['budget', 'committed', 'accrued', 'receivable', 'paid']) if (!same(c[k], s[k])) bad.push(`${s.id}.${k}: ${c[k]} vs ${s[k]}`);
    claims = (await apiFromPage(page, `/v1/subsidies/${s.id}/claims`)).body;
    const rows = await rowsOf(page, 'table.subsidy-claims');
    if (rows.length !== claims.length) bad.push(`claims: ${rows.length} rows, ${claims.length} in the API`);
    claims.forEach((q, i) => {
      const r = rows[i] || { raw: [], text: [] };
      if (r.key !== String(q.quarter) || r.raw[3] !== String(q.lines) || r.raw[4] !== String(q.approved_lines) || r.raw[5] !== String(q.rejected_lines) ||
        !same(r.raw[6], q.amount) || !same(r.raw[7], q.approved) || !same(r.raw[8], q.rejected)) bad.push(`${q.quarter}: ${JSON.stringify(r)} vs ${JSON.stringify(q)}`);
      if (q.amount === null && r.text[6] !== '—') bad.push(`${q.quarter}: a hidden amount shows ${r.text[6]}`);
    });
    if (!government && claims.length) {
      const lines = (await apiFromPage(page, `/v1/subsidies/${s.id}/lines?quarter=${claims[0].quarter}`)).body;
      const shown = await page.$$eval('table.subsidy-lines tbody tr', (trs) => trs.map((tr) => [tr.dataset.key, tr.dataset.decision, tr.cells[2].dataset.raw]));
      if (JSON.stringify(shown) !== JSON.stringify(lines.map((l) => [l.loan, l.decision, l.amount]))) bad.push(`lines: ${JSON.stringify(shown)} vs ${JSON.stringify(lines)}`);
    }
    if (government) {
      const lineTable = await page.$('table.subsidy-lines');
      if (lineTable) bad.push('a government sees the claim\'s lines');
    }
  }
  const listed = await page.$$eval('table.subsidy-schemes tbody tr', (trs) => trs.map((tr) => ({ key: tr.dataset.key, lines: tr.dataset.lines, sizes: tr.dataset.sizes, raw: [...tr.cells].map((td) => td.dataset.raw || null) })));
  if (listed.length !== api.length) bad.push(`schemes list: ${listed.length} rows, ${api.length} in the API`);
  api.forEach((s, i) => {
    const r = listed[i] || { raw: [] };
    const want = [s.id, s.lines.join(','), s.sizes.join(','), s.borrower_cap, s.points, s.share, String(s.months), s.budget, s.budget_left, s.enrolled === null ? null : String(s.enrolled)];
    const got = [r.key, r.lines, r.sizes, r.raw[4], r.raw[6], r.raw[7], r.raw[8], r.raw[9], r.raw[10], r.raw[11]];
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`schemes list ${s.id}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  });
  check(`${who}: each scheme's budget, budget used, accrued, receivable, paid and its claims by quarter are the API's (${api.length} schemes, ${claims.length} claims)`, bad.length === 0, bad.join('; '));
  await noRawKey(page, `${who}: subsidies`);
  await phone(page, `${who}: subsidies`, `${who}-subsidies`);
  return { api, claims };
}

async function guarantees(page, who) {
  check(`${who}: the guarantees page opens`, (await open(page, '#/guarantees', `${who}-guarantees`)) === 'guarantees');
  const api = (await apiFromPage(page, '/v1/reports/guarantees')).body;
  const rows = await rowsOf(page, 'table.guarantees-cities');
  const bad = [];
  if (rows.length !== api.length) bad.push(`${rows.length} rows, ${api.length} in the API`);
  api.forEach((g, i) => {
    const r = rows[i] || { raw: [], text: [] };
    const want = [g.guarantees, g.borrowers, g.principal, g.guaranteed, g.net_exposure, g.claims, g.basis, g.overdue].map((v) => (v === null ? null : String(v)));
    if (r.key !== String(g.city) || JSON.stringify(r.raw.slice(1)) !== JSON.stringify(want)) bad.push(`${g.city}: ${JSON.stringify(r.raw)} vs ${JSON.stringify(want)}`);
    if (g.suppressed && r.text[3] !== '—') bad.push(`${g.city}: a hidden balance shows ${r.text[3]}`);
  });
  const parts = await rowsOf(page, 'table.guarantees-parts');
  api.forEach((g, i) => {
    const want = ['company', 'national_fund', 'provincial'].flatMap((k) => [g[k + '_owed'], g[k + '_paid']]).concat([g.bank_share]);
    if (!parts[i] || JSON.stringify(parts[i].raw.slice(1)) !== JSON.stringify(want)) bad.push(`parts ${g.city}: ${JSON.stringify(parts[i])} vs ${JSON.stringify(want)}`);
  });
  const total = api[api.length - 1];
  const byWho = await rowsOf(page, 'table.guarantees-guarantors');
  ['company', 'national_fund', 'provincial'].forEach((k, i) => {
    const want = [total[k + '_owed'], total[k + '_paid'], total[k + '_returned']];
    if (!byWho[i] || byWho[i].key !== k || JSON.stringify(byWho[i].raw.slice(1)) !== JSON.stringify(want)) bad.push(`${k}: ${JSON.stringify(byWho[i])} vs ${JSON.stringify(want)}`);
  });
  const c = await cardsOf(page, '.guarantee-cards');
  for (const k of ['principal', 'net_exposure', 'basis']) if (!same(c[k], total[k])) bad.push(`card ${k}: ${c[k]} vs ${total[k]}`);
  check(`${who}: guarantees by city, the bank's net exposure and each guarantor's owed, paid and given back are the API's (${api.length} rows)`, api.length > 0 && bad.length === 0, bad.join('; '));
  await noRawKey(page, `${who}: guarantees`);
  await phone(page, `${who}: guarantees`, `${who}-guarantees`);
  return api;
}

async function reader(ctx, page, who) {
  await login(ctx, page, who);
  const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
  check(`${who}: the schemes are one entry of its menu`, nav.filter((p) => ['pools', 'subsidies', 'guarantees'].includes(p)).join() === 'pools', nav.join(','));
  const p = await pools(page, who);
  /* The tab bar leads to the other two; the menu's entry stays lit. */
  await page.click('nav.scheme-tabs a[data-page="subsidies"]');
  await page.waitForSelector('main[data-ready="subsidies"]', { timeout: 30000 });
  const lit = await page.$eval('#nav a.on', (a) => a.dataset.page).catch(() => null);
  const tabs = await page.$$eval('nav.scheme-tabs a', (as) => as.map((a) => a.dataset.page + (a.classList.contains('on') ? '*' : '')));
  check(`${who}: the tab bar opens the subsidies, the menu's schemes entry lit`, lit === 'pools' && tabs.join() === 'pools,subsidies*,guarantees', `${lit} ${tabs}`);
  const s = await subsidies(page, who, false);
  const g = await guarantees(page, who);
  return { p, s, g };
}

/* The as-of picker of each page: a month end picked puts as_of in the URL, and the page's figures
 * become the API's as of that day (the figures kept at its close), not today's; the tabs keep the
 * day; the last day closed takes it out again. */
async function picked(page, who) {
  check(`${who}: the pools page has the as-of picker`, (await open(page, '#/pools')) === 'pools' && (await page.$('main form.when select[name=as_of]')) !== null);
  const days = await page.$$eval('main select[name=as_of] option', (os) => os.map((o) => o.value));
  const now = (await apiFromPage(page, '/v1/pools')).body;
  const key = (list) => JSON.stringify(list.map((p) => [p.balance, p.covered, p.paid]));
  let day = null;
  let then = null;
  for (const d of days.slice(1)) {
    const r = await apiFromPage(page, `/v1/pools?as_of=${d}`);
    if (r.status === 200 && r.body.length && key(r.body) !== key(now)) { day = d; then = r.body; break; }
  }
  check(`${who}: a month end whose pools differ from today's`, day !== null, days.join(','));
  if (!day) return;
  await page.selectOption('main select[name=as_of]', day);
  await page.waitForFunction((d) => location.hash.includes(`as_of=${d}`) && document.querySelector('main').dataset.ready === 'pools' &&
    (document.querySelector('main h1 .as-of') || { textContent: '' }).textContent.includes(d), day, { timeout: 30000 });
  const bad = [];
  for (const p of then) {
    const c = await cardsOf(page, `.pool-cards[data-pool="${p.id}"]`);
    for (const k of ['balance', 'covered', 'leverage_used', 'paid', 'returned', 'npl_ratio']) if (!same(c[k], p[k])) bad.push(`${p.id}.${k}: ${c[k]} vs ${p[k]}`);
  }
  const shownNow = await page.$$eval('table.pools tbody tr', (trs) => trs.map((tr) => tr.cells[3].dataset.raw + '/' + tr.cells[4].dataset.raw));
  check(`${who}: picking ${day} shows the pools as the API has them that day, not today's`, bad.length === 0 && then.length > 0 &&
    JSON.stringify(shownNow) !== JSON.stringify(now.map((p) => p.balance + '/' + p.covered)), bad.join('; ') || shownNow.join(','));
  /* The tabs keep the day: the guarantees and the subsidies as of it. */
  await page.click('nav.scheme-tabs a[data-page="guarantees"]');
  await page.waitForFunction((d) => location.hash.startsWith('#/guarantees') && location.hash.includes(`as_of=${d}`) && document.querySelector('main').dataset.ready === 'guarantees', day, { timeout: 30000 });
  const g = (await apiFromPage(page, `/v1/reports/guarantees?as_of=${day}`)).body;
  const total = await cardsOf(page, '.guarantee-cards');
  check(`${who}: the guarantees as of ${day} are the API's that day`, g.length > 0 && same(total.principal, g[g.length - 1].principal) && same(total.basis, g[g.length - 1].basis), JSON.stringify(total));
  await page.click('nav.scheme-tabs a[data-page="subsidies"]');
  await page.waitForFunction((d) => location.hash.startsWith('#/subsidies') && location.hash.includes(`as_of=${d}`) && document.querySelector('main').dataset.ready === 'subsidies', day, { timeout: 30000 });
  const sub = (await apiFromPage(page, `/v1/subsidies?as_of=${day}`)).body;
  const wrong = [];
  for (const x of sub) {
    const c = await cardsOf(page, `.subsidy-cards[data-scheme="${x.id}"]`);
    for (const k of ['committed', 'accrued', 'receivable', 'paid']) if (!same(c[k], x[k])) wrong.push(`${x.id}.${k}: ${c[k]} vs ${x[k]}`);
  }
  check(`${who}: the subsidies as of ${day} are the API's that day, the claims said to be today's`, wrong.length === 0 && (sub.length === 0 || (await page.$('main .claims-now')) !== null), wrong.join('; '));
  await noRawKey(page, `${who}: subsidies as of ${day}`);
  /* The last day closed takes as_of out of the URL: today's figures again. */
  await page.selectOption('main select[name=as_of]', days[0]);
  await page.waitForFunction(() => !location.hash.includes('as_of=') && document.querySelector('main').dataset.ready === 'subsidies', null, { timeout: 30000 });
  const bad422 = (await apiFromPage(page, `/v1/pools?as_of=${days[0].slice(0, 4)}-99-01`)).status;
  check(`${who}: the last day closed is as the book stands; a bad as_of is refused`, bad422 === 400, String(bad422));
}

async function province(ctx, page, bank) {
  await login(ctx, page, 'liaoning');
  const p = await pools(page, 'liaoning');
  check('liaoning: the province\'s pool and Dalian\'s both', p.some((x) => x.region === 210000) && p.some((x) => x.region === 210200), JSON.stringify(p.map((x) => x.region)));
  const s = await subsidies(page, 'liaoning', true);
  const differ = s.claims.filter((c, i) => !bank.s.claims[i] || c.quarter !== bank.s.claims[i].quarter || (c.suppressed ? c.amount !== null : c.amount !== bank.s.claims[i].amount));
  check('liaoning: each quarter\'s claim as the bank reads it, or hidden (too few borrowers); its lines never shown', s.claims.length > 0 && s.claims.length === bank.s.claims.length && differ.length === 0 && (await page.$('main .gov-decides')) !== null, JSON.stringify(differ).slice(0, 300));
  const g = await guarantees(page, 'liaoning');
  check('liaoning: the guarantees of several cities and the province\'s total', g.length > 2 && g[g.length - 1].city === 210000, JSON.stringify(g.map((r) => r.city)));
}

async function dalian(ctx, page) {
  await login(ctx, page, 'dalian');
  const p = await pools(page, 'dalian');
  check('dalian: Dalian\'s pools alone', p.length > 0 && p.every((x) => x.region === 210200), JSON.stringify(p.map((x) => x.region)));
  const s = await subsidies(page, 'dalian', true);
  check('dalian: the province\'s subsidy is not Dalian\'s to see', s.api.length === 0 && (await page.$('main .none-here')) !== null);
  const g = await guarantees(page, 'dalian');
  check('dalian: Dalian\'s guarantees alone', g.length === 1 && g[0].city === 210200, JSON.stringify(g.map((r) => r.city)));
  const other = (await apiFromPage(page, '/v1/subsidies/LN-SUB-2025/claims')).status;
  check('dalian: the province\'s scheme\'s claims are not found', other === 404, String(other));
}

async function enterprise(ctx, page) {
  await login(ctx, page, 'firm');
  const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
  check('firm: none of the schemes\' pages in its menu', !['pools', 'subsidies', 'guarantees'].some((p) => nav.includes(p)), nav.join(','));
  await page.evaluate(() => { location.hash = '#/pools'; });
  await page.waitForSelector('main .refused');
  check('firm: the pools page is refused in the page', (await page.textContent('main .refused')).includes('无权访问'));
}

/* The page in English: its headings, cards' labels and cells hold no Chinese (the schemes' own
 * words and the vocabulary both have English labels) but the book's data (names) and no raw key;
 * then back to Chinese. */
async function english(page, name, who, data) {
  await page.click('#lang');
  await page.waitForFunction((n) => document.documentElement.lang === 'en' && document.querySelector('#main').dataset.ready === n, name, { timeout: 30000 });
  const texts = await page.$$eval('main h1, main h2, main th, main [data-card] .label, main td', (es) => es.map((e) => e.textContent));
  const chinese = texts.filter((x) => /[\u4e00-\u9fff]/.test(data.reduce((s, d) => s.split(d).join(''), x)));
  const keys = texts.filter((x) => /(^|[^A-Za-z0-9_.:-])[a-z]+(_[a-z]+)+(?![A-Za-z0-9_.:-])/.test(x));
  check(`${who}: the page in English: no Chinese label, no raw key (${texts.length} texts)`, texts.length > 0 && chinese.length === 0 && keys.length === 0, chinese.concat(keys).slice(0, 5).join(' | '));
  await page.click('#lang');
  await page.waitForFunction((n) => document.documentElement.lang === 'zh-CN' && document.querySelector('#main').dataset.ready === n, name, { timeout: 30000 });
}

/* The guarantee company's user: its page is its first screen and its only entry; its figures
 * and each of its guarantees are the API's; the bank's pages and other companies' are not its. */
async function guarantor(ctx, page, fee) {
  await login(ctx, page, 'gua');
  await page.waitForSelector('main[data-ready="myguarantees"]', { timeout: 30000 });
  const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
  check('gua: lands on its guarantees, its menu\'s one entry', nav.join() === 'myguarantees' && (await page.getAttribute('#main', 'data-ready')) === 'myguarantees', nav.join(','));
  await open(page, '#/myguarantees', 'gua-guarantees');
  const s = (await apiFromPage(page, `/v1/guarantors/${company}`)).body;
  const c = await cardsOf(page, '.guarantor-cards');
  const bad = [];
  for (const k of ['principal', 'guaranteed', 'share', 'fees', 'owed', 'paid', 'returned']) if (!same(c[k], s[k])) bad.push(`card ${k}: ${c[k]} vs ${s[k]}`);
  if (!same(c.overdue, String(s.overdue))) bad.push(`card overdue: ${c.overdue} vs ${s.overdue}`);
  check(`gua: its loans' balance, part guaranteed, own share, fees, claims owed, paid and shared back are the API's (${s.guarantees} guarantees)`,
    s.guarantees > 0 && s.paid !== '0.00' && s.returned !== '0.00' && s.fees !== '0.00' && bad.length === 0, bad.join('; ') || JSON.stringify(s));
  check('gua: the fee accrues day by day (a year ahead refused) and what was collected is among its fees', fee !== null && fee.fee_collected !== '0.00' && s.fees !== '0.00', JSON.stringify(fee));
  const list = (await apiFromPage(page, '/v1/guarantees?limit=500')).body;
  const rows = await rowsOf(page, 'table.guarantor-guarantees');
  const wrong = [];
  if (rows.length !== list.length) wrong.push(`${rows.length} rows, ${list.length} in the API`);
  list.forEach((g, i) => {
    const r = rows[i] || { raw: [] };
    const part = (k) => (g[k] ? g[k].company : null);
    const want = [g.id, g.covered, g.share_company, g.fee, g.principal, g.fees || '0.00', part('owed'), part('paid'), part('returned')];
    const got = [r.key, r.raw[3], r.raw[4], r.raw[5], r.raw[6], r.raw[7], r.raw[9], r.raw[10], r.raw[11]];
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${g.id}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  });
  check(`gua: each guarantee's part, share, fee, balance, fees and its part of the claim are the API's (${list.length})`,
    list.length === s.guarantees && list.every((g) => g.company === company) && wrong.length === 0, wrong.slice(0, 5).join('; '));
  await noRawKey(page, 'gua: guarantees');
  await english(page, 'myguarantees', 'gua', [s.name]);
  await phone(page, 'gua: guarantees', 'gua-guarantees');
  const other = (await apiFromPage(page, `/v1/guarantors/${subsidised}`)).status;
  const report = (await apiFromPage(page, '/v1/reports/guarantees')).status;
  check('gua: another company\'s figures are not found, the cities\' report forbidden', other === 404 && report === 403, `${other} ${report}`);
  await page.evaluate(() => { location.hash = '#/guarantees'; });
  await page.waitForSelector('main .refused');
  check('gua: the government\'s guarantees page is refused in the page', (await page.textContent('main .refused')).includes('无权访问'));
}

/* An enterprise with subsidised loans: each loan's scheme, accrued, paid and pending are the
 * API's; another enterprise reads none of them. */
async function subsidisedFirm(ctx, page) {
  await login(ctx, page, 'subsidised');
  const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
  check('subsidised: its subsidies are in its menu, none of the schemes\' pages', nav.includes('mysubsidies') && !['pools', 'subsidies', 'guarantees'].some((p) => nav.includes(p)), nav.join(','));
  check('subsidised: its subsidies page opens', (await open(page, '#/mysubsidies', 'subsidised-subsidies')) === 'mysubsidies');
  const api = (await apiFromPage(page, `/v1/parties/${subsidised}/subsidies`)).body;
  const rows = await page.$$eval('table.my-subsidies tbody tr', (trs) => trs.map((tr) => [tr.dataset.key, tr.dataset.scheme, tr.dataset.mode, tr.cells[3].dataset.points, ...[...tr.cells].slice(6).map((td) => td.dataset.raw)]));
  const want = api.map((x) => [x.loan, x.scheme, x.mode, x.points, x.committed, x.accrued, x.paid, x.pending, x.claimed, x.rejected]);
  check(`subsidised: each loan's scheme, mode, rate, committed, accrued, paid, pending, claimed and rejected are the API's (${api.length} loans)`,
    api.length > 0 && api.some((x) => x.paid !== '0.00') && JSON.stringify(rows) === JSON.stringify(want), `${JSON.stringify(rows)} vs ${JSON.stringify(want)}`);
  await noRawKey(page, 'subsidised: subsidies');
  const party = (await apiFromPage(page, `/v1/parties/${subsidised}`)).body;
  await english(page, 'mysubsidies', 'subsidised', [party.name, ...api.map((x) => x.name)]);
  await phone(page, 'subsidised: subsidies', 'subsidised-subsidies');
  await login(ctx, page, 'firm');
  const seen = (await apiFromPage(page, `/v1/parties/${subsidised}/subsidies`)).status;
  check('firm: another enterprise\'s subsidies are not found', seen === 404, String(seen));
  check('firm: its own subsidies page opens', (await open(page, '#/mysubsidies', 'firm-subsidies')) === 'mysubsidies');
  const own = (await apiFromPage(page, '/v1/me')).body;
  const mine = (await apiFromPage(page, `/v1/parties/${own.party}/subsidies`)).body;
  const shown = await page.$$eval('table.my-subsidies tbody tr', (trs) => trs.length);
  check('firm: its page shows its own subsidies, or says it has none', shown === mine.length && (mine.length > 0 || (await page.$('main .none-here')) !== null), `${shown} vs ${mine.length}`);
  await noRawKey(page, 'firm: subsidies');
}

/* The fee accrues day by day: a year of a guarantee of a loan outstanding is not charged ahead as
 * well (refused accruing); the borrowers' deposits paid the company what was collected. */
async function chargeFee(page) {
  const list = (await apiFromPage(page, '/v1/guarantees?limit=500')).body;
  const g = list.find((x) => x.principal !== '0.00' && !x.claimed && x.fee_collected && x.fee_collected !== '0.00');
  if (!g) return null;
  const r = await postFromPage(page, `/v1/guarantees/${g.id}/fees`, {});
  return r.status === 422 && JSON.stringify(r.body).includes('accruing') ? g : null;
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (/^Failed to load resource/.test(m.text()) && /\/v1\/|\/favicon\.ico$/.test(m.location().url || '')) return;
      errors.push(`${m.text()} (${m.location().url || ''})`);
    });
    const bank = await reader(ctx, page, 'bank');
    /* The demo's schemes lived: claims paid, recoveries returned, guarantors paid, a subsidy claimed. */
    const total = bank.g[bank.g.length - 1];
    check('the demo book: a pool paid claims and got recoveries back', bank.p.some((x) => x.claims > 0 && x.paid !== '0.00') && bank.p.some((x) => x.returned !== '0.00'), JSON.stringify(bank.p.map((x) => [x.id, x.claims, x.paid, x.returned])));
    check('the demo book: guarantees were claimed and the guarantors paid', total.claims > 0 && total.company_paid !== '0.00' && total.national_fund_paid !== '0.00', JSON.stringify(total));
    check('the demo book: the subsidy was claimed, decided and paid', bank.s.claims.length > 0 && bank.s.claims.some((c) => c.paid && c.approved_lines > 0), JSON.stringify(bank.s.claims).slice(0, 300));
    const fee = await chargeFee(page);
    await picked(page, 'bank');
    await reader(ctx, page, 'auditor');
    await province(ctx, page, bank);
    await dalian(ctx, page);
    await enterprise(ctx, page);
    await guarantor(ctx, page, fee);
    await subsidisedFirm(ctx, page);
    check('no script or console error on any page', errors.length === 0, errors.join(' | '));
  } finally {
    await browser.close();
    await stopServer();
  }
}

main().then(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}, async (e) => {
  console.log('FAIL the browser test stopped: ' + (e && e.stack ? e.stack : e));
  await stopServer();
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
