// dashboard.js — the dashboard in a real browser (Debian's Chromium, driven by playwright-core):
// each role logs in to its first screen, whose figures equal the API's, and opens every page of
// its own; the figures shown equal the API's; the date picker changes every figure of a page to
// the API's of the day picked, in the URL; the cities' tile map opens each city, by click and by
// keyboard; the exports open (CSV parsed, XLSX read back with tests/xlsx_to_csv.py: zipfile and
// xml) and hold the page's figures; the treasurer passes a part on to a receiver found by name
// and sells one to the bank, each previewed by the API's quote and confirmed, and a refusal is
// said in the page's language with nothing written; every text of every page at least 4.5:1 on
// its background (3:1 large), from the computed styles, at 1440 and 390 px; under 600 px (599 and
// 390) the cards stack in one column and the tables' rows are cards, nothing past an edge or cut;
// no page scrolls sideways at 390 px and none
// shows a raw key of the vocabulary; the files are served compressed and cached (gzip, ETag, a
// versioned name kept a year) and the login page weighs under 400 KB on the wire; a government
// user of one city reads its own targets and cannot reach another city's or the bank's pages; a
// wrong password, too many of them, and a session ended by a restart each get a clear message.
// Screenshots of every page, and of each first screen at 1440 and 390 px, go to OUT. Prints
// ok/FAIL lines and "N passed, N failed".
//
// Usage: node dashboard.js FINBRIDGE BOOK WEB OUT SUPPLIER OTHER_PARTY
'use strict';
const path = require('path');
const fs = require('fs');
const http = require('http');
const zlib = require('zlib');
const { spawn, execFileSync } = require('child_process');

const [finbridge, book, web, out, supplier, otherParty] = process.argv.slice(2);
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

// The same arithmetic as the page: fen as BigInt, hundredths of 万元 or 亿元.
function toFen(s) {
  const neg = String(s).startsWith('-');
  const [i, f = ''] = String(s).replace('-', '').split('.');
  const fen = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -fen : fen;
}
function shown(s, unit) {
  const u = unit === 'yi' ? 10000000000n : 1000000n;
  const fen = toFen(s);
  const a = fen < 0n ? -fen : fen;
  const h = (a * 100n + u / 2n) / u;
  const whole = (h / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (fen < 0n && h > 0n ? '-' : '') + whole + '.' + (h % 100n).toString().padStart(2, '0');
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

// The API as the page calls it: with the page's session cookie.
async function apiFromPage(page, p) {
  return page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }, p);
}

let loads = 0;
async function login(page, name, password) {
  await page.goto(`${base()}/?load=${++loads}#/login`); /* a fresh page, not a hash change */
  await page.waitForSelector('form.login');
  await page.fill('form.login input[name=name]', name);
  await page.fill('form.login input[name=password]', password);
  await page.click('form.login button[type=submit]');
}

async function open(page, hash, screenshot) {
  await page.evaluate(() => { delete document.querySelector('main').dataset.ready; });
  await page.evaluate((h) => {
    if (location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange')); /* the same page again */
    else location.hash = h;
  }, hash);
  const name = hash.replace(/^#\//, '').split(/[/?]/)[0];
  await page.waitForSelector(`main[data-ready="${name}"], main[data-ready="error"]`, { timeout: 30000 });
  const ready = await page.getAttribute('main', 'data-ready');
  if (screenshot) await page.screenshot({ path: path.join(out, screenshot + '.png'), fullPage: true });
  return ready;
}

// The money cells of a table's rows (data-raw; cols: their indexes among a row's cells, else every
// cell with data-raw in order) against the API's rows, matched by data-key.
async function sameFigures(page, name, selector, apiRows, keyOf, fields, cols) {
  const cells = await page.$$eval(`${selector} tbody tr`, (trs, c) => trs.map((tr) => ({
    key: tr.dataset.key, cells: (c ? c.map((i) => tr.cells[i]) : [...tr.querySelectorAll('td[data-raw]')]).map((td) => td && ({ raw: td.dataset.raw, text: td.textContent })),
  })), cols || null);
  const unitText = await page.$eval(`${selector} thead`, (h) => h.textContent);
  const unit = /亿元|100m yuan/.test(unitText) ? 'yi' : 'wan';
  let problems = [];
  for (const row of apiRows) {
    const c = cells.find((x) => x.key === String(keyOf(row)));
    if (!c) { problems.push('no row ' + keyOf(row)); continue; }
    fields.forEach((f, i) => {
      const cell = c.cells[i];
      if (!cell || cell.raw !== row[f] || cell.text !== shown(row[f], unit)) {
        problems.push(`${keyOf(row)} ${f}: api ${row[f]}, page ${cell && cell.raw} shown ${cell && cell.text}`);
      }
    });
  }
  check(`${name}: the figures shown equal the API's (${apiRows.length} rows)`, apiRows.length > 0 && problems.length === 0, problems.join('; '));
}

// The first column of a report's rows against a /v1/meta list (kind), by data-key, in lang.
async function sameLabels(page, name, kind, lang) {
  const meta = (await apiFromPage(page, '/v1/meta')).body;
  const rows = await page.$$eval('table.report tbody tr', (trs) => trs.map((tr) => ({ key: tr.dataset.key, text: tr.querySelector('td').textContent })));
  if (kind === 'chains') rows.forEach((r) => { if (r.key === 'undefined') r.key = 'none'; });
  const keyOf = kind === 'cities' ? (e) => String(e.code) : (e) => e.key;
  const problems = [];
  let compared = 0;
  for (const row of rows) {
    const entry = meta[kind].find((e) => keyOf(e) === row.key);
    if (!entry) continue; // a chain of none: the other industries
    compared++;
    if (row.text !== entry[lang]) problems.push(`${row.key}: meta ${entry[lang]}, page ${row.text}`);
  }
  check(`${name}: the labels shown are /v1/meta's ${kind} in ${lang} (${compared} rows)`, compared > 0 && problems.length === 0, problems.join('; '));
  return meta;
}

// The files of the modules under web/js, as the server serves them (/js/...).
function moduleFiles(dir, prefix) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
    ? moduleFiles(path.join(dir, e.name), `${prefix}/${e.name}`)
    : e.name.endsWith('.js') ? [`${prefix}/${e.name}`] : []));
}

const ROLE_PAGES = {
  bank: ['home', 'progress', 'cities', 'chains', 'lines', 'projects', 'inclusive', 'trends', 'quality', 'exposures', 'certificates', 'eod'],
  auditor: ['home', 'progress', 'cities', 'quality', 'exposures', 'certificates'],
  liaoning: ['home', 'progress', 'cities', 'chains', 'lines', 'projects', 'inclusive', 'trends'],
  dalian: ['home', 'progress', 'cities', 'chains', 'lines', 'projects', 'inclusive', 'trends'],
  supplier: ['home', 'facilities', 'loans', 'mycerts'],
  admin: ['status'],
};
// Pages opened beside the menu's: a city, a borrower.
const EXTRA_PAGES = { bank: ['city/210100', 'party/ent000005'], liaoning: ['city/210200'], dalian: ['city/210200'] };

// A GET to the server from here (not the browser): status, headers, body as a Buffer.
function fetchRaw(p, headers) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, headers: headers || {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

// The vocabulary's keys: none may show as such on a Chinese page.
let rawKeys = null;
async function noRawKey(page, name) {
  if (!rawKeys) {
    const meta = (await apiFromPage(page, '/v1/meta')).body;
    const keys = new Set();
    for (const v of Object.values(meta)) if (Array.isArray(v)) v.forEach((e) => { if (e.key && /[a-z]/.test(e.key)) keys.add(e.key); });
    keys.add('undefined'); keys.add('NaN'); keys.add('null'); keys.add('k_undefined'); keys.add('[object Object]');
    rawKeys = new RegExp(`(^|[^A-Za-z0-9_.:-])(${[...keys].map((k) => k.replace(/[[\]]/g, '\\$&')).join('|')})(?![A-Za-z0-9_.:-])`);
  }
  /* The user's own name (a test user may be called "auditor") is not a label. */
  const text = await page.evaluate(() => document.querySelector('header').innerText.replace(document.querySelector('#who').textContent.split(' · ')[0], '') + '\n' + document.querySelector('main').innerText);
  const m = rawKeys.exec(text);
  check(`${name}: no raw key of the vocabulary on the page`, !m, m && `"${m[2]}" in …${text.slice(Math.max(0, m.index - 60), m.index + 60)}…`);
}

// Text contrast (WCAG 2.x AA): every visible text of the header and the page — each element with
// text of its own, its ::before label (a card's), each control — against the background it is
// drawn on, both from the computed styles: the colours of the element and its ancestors composited
// (alpha, opacity) over the page's. 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). The
// dashboard has one theme. The charts draw on a canvas, with no computed style: not measured here.
async function contrast(page, name) {
  const bad = await page.evaluate(() => {
    const rgba = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 }; };
    const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
    const lum = (c) => { const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
    const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
    // The background an element is drawn on: its own and its ancestors' colours, composited.
    const background = (el) => {
      const layers = [];
      let opacity = 1;
      for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
        const cs = getComputedStyle(e);
        opacity *= Number(cs.opacity);
        const c = rgba(cs.backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      }
      let bg = { r: 255, g: 255, b: 255, a: 1 };
      for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
      return { bg, opacity };
    };
    const visible = (el) => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el); return r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('.sr-only, [hidden]'); };
    const out = [];
    const judge = (el, cs, text) => {
      const { bg, opacity } = background(el);
      const fg = rgba(cs.color);
      if (!fg) return;
      const px = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
      const large = px >= 24 || (px >= 18.66 && bold);
      const r = ratio(over({ ...fg, a: fg.a * opacity }, bg), bg);
      if (r < (large ? 3 : 4.5)) out.push(`"${text.trim().slice(0, 24)}" ${r.toFixed(2)}:1 (${cs.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}), ${px}px)`);
    };
    let n = 0;
    for (const el of document.querySelectorAll('header *, main *, #message')) {
      if (!visible(el) || el.matches(':disabled')) continue;
      const cs = getComputedStyle(el);
      const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent).join('');
      if (own.trim() || el.matches('input:not([type=hidden]), select, button')) { n++; judge(el, cs, own.trim() ? own : el.value || el.tagName); }
      const before = getComputedStyle(el, '::before');
      if (before.content && before.content !== 'none' && before.content !== 'normal' && before.content !== '""') { n++; judge(el, before, before.content.replace(/"/g, '')); }
    }
    return { n, out };
  });
  check(`${name}: every text at least 4.5:1 on its background (3:1 large; ${bad.n} measured)`, bad.n > 0 && bad.out.length === 0, bad.out.slice(0, 6).join('; '));
}

// Under 600 px the cards stack in one column, and a table's rows are cards: each card and row as
// wide as its column, none wider than the screen, nothing of it past its edge, and no text cut
// (an element whose text overflows what it shows).
async function narrowCards(page, name, width) {
  const r = await page.evaluate((w) => {
    const problems = [];
    const box = (e) => e.getBoundingClientRect();
    const shownEl = (e) => box(e).width > 0 && getComputedStyle(e).display !== 'none' && !e.closest('.sr-only, [hidden]');
    let cards = 0;
    for (const grid of document.querySelectorAll('main .cards')) {
      const items = [...grid.children].filter(shownEl);
      const lefts = new Set(items.map((e) => Math.round(box(e).left)));
      if (items.length > 1 && lefts.size !== 1) problems.push(`cards in ${lefts.size} columns`);
      for (const c of items) {
        cards++;
        if (Math.abs(box(c).width - box(grid).width) > 1) problems.push(`a card ${Math.round(box(c).width)} px wide in a column of ${Math.round(box(grid).width)}`);
      }
    }
    let rows = 0;
    for (const tr of document.querySelectorAll('main table tbody tr')) {
      if (!shownEl(tr)) continue;
      rows++;
      if (getComputedStyle(tr).display !== 'block') { problems.push('a table row not a card'); break; }
    }
    const holders = [...document.querySelectorAll('main .card, main table tbody tr')].filter(shownEl);
    for (const h of holders) {
      const hb = box(h);
      if (hb.right > w + 0.5 || hb.left < -0.5) problems.push(`a card from ${Math.round(hb.left)} to ${Math.round(hb.right)} px on a ${w} px screen`);
      for (const e of h.querySelectorAll('*')) {
        if (!shownEl(e)) continue;
        const eb = box(e);
        if (eb.right > hb.right + 1 || eb.left < hb.left - 1) problems.push(`"${e.textContent.trim().slice(0, 20)}" past its card's edge (${Math.round(eb.left)}–${Math.round(eb.right)} in ${Math.round(hb.left)}–${Math.round(hb.right)})`);
        const cs = getComputedStyle(e);
        const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
        if (clips && e.scrollWidth > e.clientWidth + 1) problems.push(`"${e.textContent.trim().slice(0, 20)}" cut (${e.scrollWidth} px in ${e.clientWidth})`);
      }
    }
    return { cards, rows, problems: [...new Set(problems)], scroll: document.documentElement.scrollWidth };
  }, width);
  check(`${name}: at ${width} px the cards stack in one column and the rows are cards, nothing past an edge or cut (${r.cards} cards, ${r.rows} rows)`,
    r.problems.length === 0 && r.scroll <= width, `${r.problems.slice(0, 5).join('; ')} (scroll width ${r.scroll})`);
}

// At 390 px: no sideways scroll; a screenshot when asked. And the cards at 599 and 390 px, the
// contrast at 390 px (the rows as cards, with their labels).
async function phone(page, name, screenshot) {
  await page.setViewportSize({ width: 599, height: 844 });
  await page.waitForTimeout(100);
  await narrowCards(page, name, 599);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
  await narrowCards(page, name, 390);
  await contrast(page, `${name} at 390 px`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  /* One row: every visible item of the header starts within a few pixels of the same top. */
  const tops = await page.evaluate(() => [...document.querySelectorAll('header > *:not(nav), header .right > *')].filter((e) => e.offsetParent && !e.hidden && getComputedStyle(e).display !== 'none').map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
  const oneRow = tops.length > 0 && Math.max(...tops) - Math.min(...tops) <= 6;
  check(`${name}: no sideways scroll at 390 px, the header one row`, width <= 390 && oneRow, `scroll width ${width}, centres ${tops}`);
  if (screenshot) await page.screenshot({ path: path.join(out, screenshot + '-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Console errors, but for the API's own refusals (401, 403, 404) the browser logs as failed
    // loads, which this test asks for on purpose, and the browser's own ask for /favicon.ico.
    const consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (/^Failed to load resource/.test(m.text()) && /\/v1\/|\/favicon\.ico$/.test(m.location().url || '')) return;
      consoleErrors.push(`${m.text()} (${m.location().url || ''})`);
    });
    const scripts = {};
    const wire = [];
    page.on('response', (r) => {
      const u = new URL(r.url());
      const p = u.pathname.replace(/^\/v\/[0-9a-f]{12}/, '');
      if (p.startsWith('/js/')) scripts[p] = `${r.status()} ${r.headers()['content-type']}`;
      wire.push(r);
    });

    // Every module loads as JavaScript, and the page runs without an error; the login page is
    // light: no ECharts, under 400 KB on the wire.
    await page.goto(`${base()}/?load=${++loads}#/login`);
    const started = await page.waitForSelector('form.login', { timeout: 10000 }).then(() => true, () => false);
    await page.waitForLoadState('networkidle');
    const modules = moduleFiles(path.join(web, 'js'), '/js');
    const unloaded = modules.filter((m) => !/^200 text\/javascript/.test(scripts[m] || ''));
    check(`every module loads as text/javascript (${modules.length})`, modules.length >= 10 && unloaded.length === 0,
      unloaded.map((m) => `${m}: ${scripts[m] || 'not asked'}`).join('; '));
    check('and without a console error', consoleErrors.length === 0 && errors.length === 0, consoleErrors.concat(errors).join(' | '));
    check('the page starts: the login form', started);
    if (!started) throw new Error('the dashboard did not start');
    let bytes = 0;
    for (const r of wire) { const z = await r.request().sizes(); bytes += z.responseBodySize + z.responseHeadersSize; }
    check(`the login page weighs under 400 KB on the wire (${bytes} bytes, ${wire.length} files), without ECharts`,
      bytes < 400 * 1024 && !wire.some((r) => /echarts/.test(r.url())), wire.map((r) => r.url()).join(' '));
    await compressedCached();

    // A wrong password: a clear message, still the login page.
    await login(page, 'bank', 'not-the-password');
    await page.waitForFunction(() => document.querySelector('.login-error') && document.querySelector('.login-error').textContent.length > 0);
    check('a wrong password is refused with a message', (await page.textContent('.login-error')).includes('用户名或密码错误'));
    await page.screenshot({ path: path.join(out, 'login-refused.png') });
    await contrast(page, 'the login page and its refusal');
    // Too many failures for one user from one address: refused even with the right password.
    for (let i = 0; i < 5; i++) await apiFromPage(page, '/v1/me'); // keeps the page warm
    let last = null;
    for (let i = 0; i < 6; i++) {
      last = await page.evaluate(async () => {
        const r = await fetch('/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'locked', password: 'wrong' }) });
        return { status: r.status, body: await r.json() };
      });
    }
    check('logins are rate-limited per user and address', last.status === 429 && /try again/.test(last.body.detail), JSON.stringify(last));
    await login(page, 'locked', 'locked-2025');
    await page.waitForFunction(() => document.querySelector('.login-error') && document.querySelector('.login-error').textContent.length > 0);
    check('and the right password waits too, said in the page\'s language', /尝试次数过多/.test(await page.textContent('.login-error')), await page.textContent('.login-error'));

    for (const [user, pages] of Object.entries(ROLE_PAGES)) {
      await ctx.clearCookies();
      await login(page, user, user + '-2025');
      await page.waitForSelector(`#nav a[data-page="${pages[0]}"]`);
      await page.waitForSelector(`main[data-ready="${pages[0]}"]`, { timeout: 30000 });
      const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
      check(`${user}: logs in to its first screen and sees its pages in the menu`, JSON.stringify(nav.filter((p) => pages.includes(p))) === JSON.stringify(pages), nav.join(','));
      const who = await page.textContent('#who');
      check(`${user}: the header names the role, not its code`, !/bank_officer|government|enterprise|auditor|admin\b/.test(who.replace(user, '')), who);
      /* The test's book is the demo's, a simulation book: the header says so (the operator's pages read no dates). */
      if (!pages.includes('status')) check(`${user}: the header marks the simulation book`, who.includes('模拟账簿'), who);
      if (pages[0] === 'home') {
        await page.screenshot({ path: path.join(out, `${user}-home-1440.png`), fullPage: true });
        await phone(page, `${user}: the first screen`, `${user}-home`);
      }
      for (const p of pages.concat(EXTRA_PAGES[user] || [])) {
        const name = p.split('/')[0];
        const ready = await open(page, '#/' + p, `${user}-${p.replace('/', '-')}`);
        check(`${user}: ${p} opens`, ready === name, await page.textContent('main'));
        if (p !== 'status') await noRawKey(page, `${user}: ${p}`); /* the metrics are machine text */
        await contrast(page, `${user}: ${p}`);
        await phone(page, `${user}: ${p}`);
      }
      if (user === 'bank') await bankFigures(page);
      if (user === 'liaoning') await provinceHome(page);
      if (user === 'dalian') await governmentLimits(page);
      if (user === 'supplier') await enterpriseActions(page);
    }

    // English.
    await ctx.clearCookies();
    await login(page, 'liaoning', 'liaoning-2025');
    await page.waitForSelector('#nav a');
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#nav a').textContent === 'Overview');
    check('the switch to English changes the page', (await page.textContent('#nav')).includes('Industry chains'));
    await open(page, '#/chains', 'liaoning-chains-en');
    check('amounts in English units', /100m yuan|10k yuan/.test(await page.textContent('main table thead')));
    await sameLabels(page, 'chains in English', 'chains', 'en');
    await open(page, '#/lines');
    await sameLabels(page, 'lines in English', 'lines', 'en');
    await page.click('#lang');

    // A session ended by a restart of the server: the next page says so and asks to log in.
    await stopServer();
    await startServer();
    await page.evaluate(() => { document.querySelector('#message').hidden = true; });
    await page.goto(`${base()}/?load=${++loads}#/progress`);
    await page.waitForSelector('form.login');
    await page.waitForSelector('#message.error:not([hidden])');
    check('after a restart the session has ended: the login form and a message saying so',
      (await page.textContent('#message')).includes('会话已过期'));
    await page.screenshot({ path: path.join(out, 'session-ended.png') });
    /* The form on the page asked for (not the login page the helper opens). */
    await page.fill('form.login input[name=name]', 'liaoning');
    await page.fill('form.login input[name=password]', 'liaoning-2025');
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('main[data-ready]');
    check('logging in again opens the page asked for', (await page.getAttribute('main', 'data-ready')) === 'progress', await page.textContent('main'));
    await page.click('#logout');
    await page.waitForSelector('form.login');
    const afterLogout = await page.evaluate(async () => (await fetch('/v1/me')).status);
    check('logging out ends the session (401 afterwards)', afterLogout === 401, afterLogout);
    await page.evaluate(() => { location.hash = '#/cities'; });
    await page.waitForSelector('form.login');
    const cookieReq = await page.evaluate(async () => (await fetch('/v1/reports/exposures')).status);
    check('a request with no session is 401', cookieReq === 401, cookieReq);
    // A stale cookie (from before the restart) gets the expired message.
    await ctx.addCookies([{ name: 'fb_session', value: 'a'.repeat(64), url: base() }]);
    const stale = await apiFromPage(page, '/v1/me');
    check('a stale session cookie is told the session expired', stale.status === 401 && /expired or ended/.test(stale.body.detail), JSON.stringify(stale));
    await page.evaluate(() => { location.hash = '#/progress'; location.reload(); });
    await page.waitForSelector('form.login');
    check('no script errors on any page', errors.length === 0, errors.join(' | '));
    check('no console errors on any page', consoleErrors.length === 0, consoleErrors.join(' | '));
  } finally {
    await browser.close();
    await stopServer();
  }
}

// The files: gzip when asked, an ETag and 304, the versioned names kept a year, the page itself
// revalidated; another version is not served.
async function compressedCached() {
  const page = await fetchRaw('/', { 'Accept-Encoding': 'gzip' });
  const html = zlib.gunzipSync(page.body).toString();
  const version = (/\/v\/([0-9a-f]{12})\/js\/main\.js/.exec(html) || [])[1];
  check('the page is gzip, revalidated (no-cache) with an ETag, and names its files by a version',
    page.headers['content-encoding'] === 'gzip' && page.headers['cache-control'] === 'no-cache' && /^"[0-9a-f]{16}"$/.test(page.headers.etag || '') && !!version,
    JSON.stringify(page.headers));
  const again = await fetchRaw('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': page.headers.etag });
  check('the page again with its ETag: 304, no body', again.status === 304 && again.body.length === 0, again.status);
  for (const f of ['/js/main.js', '/js/pages/home.js', '/app.css', '/vendor/echarts.min.js']) {
    const a = await fetchRaw(`/v/${version}${f}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    const plain = await fetchRaw(`/v/${version}${f}`);
    const ok = a.status === 200 && a.headers['content-encoding'] === 'gzip' && /max-age=31536000/.test(a.headers['cache-control'] || '') &&
      /immutable/.test(a.headers['cache-control']) && a.headers.etag && zlib.gunzipSync(a.body).equals(plain.body) && a.body.length < plain.body.length &&
      !plain.headers['content-encoding'];
    check(`${f}: gzip (${a.body.length} of ${plain.body.length} bytes), kept a year by its versioned name, the same bytes plain`, ok, JSON.stringify(a.headers));
  }
  const old = await fetchRaw('/v/000000000000/js/main.js');
  check('another version is not served (404)', old.status === 404, old.status);
}

// The province's first screen: each card's figure against the API's.
async function provinceHome(page) {
  const eod = (await apiFromPage(page, '/v1/eod')).body;
  await open(page, '#/home');
  /* The first screen sums up every agreement of the province, each read on the day within its
   * period (the cooperation's, and the demands' own). */
  const prog = { targets: [] };
  for (const a of (await apiFromPage(page, '/v1/agreements')).body) {
    const day = eod.last_closed < a.end_date ? (eod.last_closed < a.start_date ? a.start_date : eod.last_closed) : a.end_date;
    prog.targets.push(...(await apiFromPage(page, `/v1/agreements/${a.id}/progress?as_of=${day}`)).body.targets);
  }
  const raw = async (c) => page.$eval(`[data-card="${c}"] .value`, (e) => e.dataset.raw);
  const e2 = (s) => { const [i, f = ''] = s.split('.'); return Number(i) * 100 + Number((f + '00').slice(0, 2)); };
  const ps = prog.targets.filter((x) => x.percent && x.status !== 'suppressed').map((x) => Math.min(e2(x.percent), 10000));
  const mean = Math.round(ps.reduce((x, y) => x + y, 0) / ps.length);
  check('province first screen: overall completion is the mean of the targets\' (each at most 100%)', Number(await raw('overall')) === mean, `${await raw('overall')} vs ${mean}`);
  const counts = JSON.parse(await raw('counts'));
  check(`province first screen: the counts cover the ${prog.targets.length} targets`, Object.values(counts).reduce((x, y) => x + y, 0) === prog.targets.length, JSON.stringify(counts));
  const npl = prog.targets.find((x) => x.measure === 'npl_ratio_max');
  check('province first screen: the NPL ratio is the agreement\'s, against its ceiling (a dash where it is a small cell)', ((await raw('npl')) || null) === npl.achieved && (npl.achieved !== null || (await page.textContent('[data-card="npl"] .value')) === '—'), `${await raw('npl')} vs ${npl.achieved}: ${await page.textContent('[data-card="npl"]')}`);
  const slow = prog.targets.filter((x) => x.percent).sort((x, y) => Number(x.percent) - Number(y.percent)).slice(0, 3).map((x) => x.measure + (x.breakdown || ''));
  const shownSlow = await page.$$eval('[data-card="worst"] li', (ls) => ls.map((l) => l.dataset.measure + l.dataset.breakdown));
  check('province first screen: the three slowest targets', JSON.stringify(slow) === JSON.stringify(shownSlow), `${shownSlow} vs ${slow}`);
  const inc = (await apiFromPage(page, `/v1/reports/inclusive?as_of=${eod.last_closed}`)).body;
  check('province first screen: the two increases', (await raw('inclusive')) === `${inc.balance_grows_no_slower},${inc.borrowers_not_fewer}`, await raw('inclusive'));
  check('province first screen: three lagging cities', (await page.$$('[data-card="lagging"] li')).length === 3);
  // A card opens its page.
  await page.click('[data-card="overall"]');
  await page.waitForSelector('main[data-ready="progress"]');
  check('a card opens its page', true);
}
// A file the page downloads by clicking selector: its path.
async function download(page, selector, name) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click(selector)]);
  const file = path.join(out, name);
  await d.saveAs(file);
  return file;
}

// RFC 4180 CSV (with a byte-order mark) into rows of strings.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  text = text.replace(/^\ufeff/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function bankFigures(page) {
  const eod = (await apiFromPage(page, '/v1/eod')).body;
  const closed = eod.last_closed;
  const from = closed.slice(0, 4) + '-01-01';
  // The bank's first screen.
  await open(page, '#/home');
  const cls = (await apiFromPage(page, `/v1/reports/credit?as_of=${closed}&by=class`)).body.filter((r) => r.class);
  let total = 0n, npl = 0n;
  for (const r of cls) { const f = toFen(r.balance); total += f; if (['substandard', 'doubtful', 'loss'].includes(r.class)) npl += f; }
  const h = (npl * 10000n + total / 2n) / total;
  const raw = async (c) => page.$eval(`[data-card="${c}"] .value`, (e) => e.dataset.raw);
  check('bank first screen: the NPL ratio from the API\'s classes', (await raw('npl')) === String(h), `${await raw('npl')} vs ${h}`);
  const nplText = `${npl / 100n}.${(npl % 100n).toString().padStart(2, '0')}`;
  check('bank first screen: the NPL balance', (await raw('npl-balance')) === nplText, `${await raw('npl-balance')} vs ${nplText}`);
  check('bank first screen: the last day closed', (await raw('eod')) === closed);
  const cov = await page.textContent('[data-card="coverage"]');
  const quality = await apiFromPage(page, `/v1/reports/quality?as_of=${closed}`);
  check('bank first screen: provision coverage, or a note until the regulator\'s report is served', quality.status === 200 ? !cov.includes('接入后显示') : cov.includes('接入后显示'), cov);

  // Cities: the figures, then the date picker, the map, the exports.
  await open(page, '#/cities');
  let cities = (await apiFromPage(page, `/v1/reports/credit?as_of=${closed}&from=${from}&by=city`)).body.filter((r) => r.city);
  await sameFigures(page, 'cities', 'table.report', cities, (r) => r.city, ['balance', 'new'], [7, 9]);
  const meta = await sameLabels(page, 'cities', 'cities', 'zh');
  check('/v1/meta: the province and its 14 cities in code order', meta.province.code === 210000 && meta.cities.length === 14 &&
    meta.cities.every((c, i) => i === 0 || c.code > meta.cities[i - 1].code), JSON.stringify(meta.cities).slice(0, 300));
  const before = await page.$$eval('table.report td[data-raw]', (tds) => tds.map((t) => t.dataset.raw).join(','));
  const picked = `${Number(closed.slice(0, 4))}-06-30`;
  await page.evaluate(() => { delete document.querySelector('main').dataset.ready; });
  await page.selectOption('form.when select[name=as_of]', picked);
  await page.waitForSelector('main[data-ready="cities"]');
  const hash = await page.evaluate(() => location.hash);
  check('the date picker puts the day in the URL', hash.includes(`as_of=${picked}`), hash);
  const pickedFrom = picked.slice(0, 4) + '-01-01';
  cities = (await apiFromPage(page, `/v1/reports/credit?as_of=${picked}&from=${pickedFrom}&by=city`)).body.filter((r) => r.city);
  await sameFigures(page, `cities on ${picked}`, 'table.report', cities, (r) => r.city, ['balance', 'new'], [7, 9]);
  const after = await page.$$eval('table.report td[data-raw]', (tds) => tds.map((t) => t.dataset.raw).join(','));
  check('and every figure changes with it', before !== after);
  const heads = await page.textContent('main h1');
  check('the page says the day picked', heads.includes(picked), heads);
  await page.screenshot({ path: path.join(out, 'bank-cities-picked.png'), fullPage: true });
  // A link keeps the view: the same hash in a fresh page shows the same figures.
  await page.goto(`${base()}/?load=${++loads}${hash}`);
  await page.waitForSelector('main[data-ready="cities"]');
  check('a link shows the same view', (await page.$$eval('table.report td[data-raw]', (tds) => tds.map((t) => t.dataset.raw).join(','))) === after);
  // The period picker.
  const periodFrom = picked.slice(0, 4) + '-04-01';
  await page.evaluate(() => { delete document.querySelector('main').dataset.ready; });
  await page.fill('form.when input[name=from]', periodFrom);
  await page.dispatchEvent('form.when input[name=from]', 'change');
  await page.waitForSelector('main[data-ready="cities"]');
  cities = (await apiFromPage(page, `/v1/reports/credit?as_of=${picked}&from=${periodFrom}&by=city`)).body.filter((r) => r.city);
  await sameFigures(page, `cities from ${periodFrom}`, 'table.report', cities, (r) => r.city, ['balance', 'new'], [7, 9]);
  // The exports of the table: the same figures, CSV and XLSX.
  const csvFile = await download(page, '.exports[data-export="credit"] a[data-format="csv"]', 'cities.csv');
  const csv = parseCsv(fs.readFileSync(csvFile, 'utf8'));
  const col = (name) => csv[0].findIndex((c) => c.startsWith(name));
  const bad = cities.filter((r) => !csv.some((row) => row[col('城市代码')] === String(r.city) && row[col('贷款余额')] === r.balance && row[col('新增贷款')] === r.new));
  check(`the CSV export opens and holds the page's figures (${csv.length - 1} rows)`, csv.length > 1 && bad.length === 0, JSON.stringify(bad).slice(0, 300));
  const xlsxFile = await download(page, '.exports[data-export="credit"] a[data-format="xlsx"]', 'cities.xlsx');
  let sheet = [];
  try { sheet = parseCsv(execFileSync('python3', [path.join(__dirname, '..', 'xlsx_to_csv.py'), xlsxFile]).toString()); } catch (e) { sheet = []; }
  const hrow = sheet.findIndex((r) => r.includes('城市') || r.some((c) => c.startsWith('城市代码')));
  const xcol = (name) => sheet[hrow].findIndex((c) => c.startsWith(name));
  const num = (s) => s.replace(/,/g, '');
  const badX = hrow < 0 ? cities : cities.filter((r) => !sheet.some((row) => row[xcol('城市代码')] === String(r.city) && num(row[xcol('贷款余额')]) === r.balance && num(row[xcol('新增贷款')]) === r.new));
  check(`the XLSX export opens (zipfile) and holds the same figures (${sheet.length} rows)`, hrow >= 0 && badX.length === 0, JSON.stringify(badX).slice(0, 300) + ' ' + JSON.stringify(sheet.slice(0, 3)));
  // The map opens each city: by click, and one by keyboard.
  await open(page, '#/cities');
  const codes = meta.cities.map((c) => c.code);
  const opened = [];
  for (const code of codes) {
    await page.evaluate(() => { delete document.querySelector('main').dataset.ready; });
    await page.click(`.tilemap .tile[data-city="${code}"]`);
    await page.waitForSelector('main[data-ready="city"]');
    const h1 = await page.textContent('main h1');
    if (h1.includes(meta.cities.find((c) => c.code === code).zh) && (await page.evaluate(() => location.hash)).startsWith(`#/city/${code}`)) opened.push(code);
    await page.goBack();
    await page.waitForSelector('main[data-ready="cities"]');
  }
  check(`the city map opens each of the 14 cities (${opened.length})`, opened.length === 14, codes.filter((c) => !opened.includes(c)).join(','));
  await page.focus('.tilemap .tile[data-city="210200"]');
  await page.evaluate(() => { delete document.querySelector('main').dataset.ready; });
  await page.keyboard.press('Enter');
  await page.waitForSelector('main[data-ready="city"]');
  check('and by keyboard (Enter on a focused tile)', (await page.evaluate(() => location.hash)).startsWith('#/city/210200'));
  const borrowers = (await apiFromPage(page, '/v1/reports/exposures?limit=20&region=210200')).body;
  await sameFigures(page, 'below the city, the bank sees its borrowers', 'table.borrowers', borrowers, (r) => r.party, ['principal'], [3]);

  await open(page, '#/chains');
  await sameLabels(page, 'chains', 'chains', 'zh');
  check('chains: machine tools are 工业母机, the C side\'s word', (await page.textContent('table.report')).includes('工业母机') &&
    meta.chains.find((c) => c.key === 'machine_tools').zh === '工业母机');
  await open(page, '#/lines');
  const lines = (await apiFromPage(page, `/v1/reports/credit?as_of=${closed}&from=${from}&by=line`)).body;
  await sameFigures(page, 'lines', 'table.report', lines, (r) => r.line, ['balance', 'new'], [1, 4]);
  await sameLabels(page, 'lines', 'lines', 'zh');
  await open(page, '#/projects');
  const projects = (await apiFromPage(page, '/v1/projects')).body;
  await sameFigures(page, 'projects', 'table.projects', projects, (r) => r.id, ['total_investment', 'financing_need', 'approved', 'drawn', 'outstanding'], [4, 5, 6, 7, 8]);
  check('projects: the city column is headed 城市', (await page.textContent('table.projects thead')).includes('城市') && !(await page.textContent('table.projects thead')).includes('城市详情'));
  await open(page, '#/exposures');
  const ex = (await apiFromPage(page, '/v1/reports/exposures?limit=20')).body;
  await sameFigures(page, 'exposures', 'table.exposures', ex, (r) => r.party, ['principal'], [5]);
  await page.click(`table.exposures tr[data-key="${ex[0].party}"]`);
  await page.waitForSelector('main[data-ready="party"]');
  const fac = (await apiFromPage(page, `/v1/parties/${ex[0].party}/facilities`)).body;
  await sameFigures(page, 'an exposure opens its borrower: the facilities\' limit and drawn', 'table.facilities', fac, (r) => r.id, ['limit', 'drawn'], [1, 2]);
  await open(page, '#/progress');
  const agreements = (await apiFromPage(page, '/v1/agreements')).body;
  const a = agreements[0];
  const asOf = closed < a.end_date ? closed : a.end_date;
  const prog = (await apiFromPage(page, `/v1/agreements/${a.id}/progress?as_of=${asOf}`)).body;
  const rows = await page.$$eval('table.progress tbody tr', (trs) => trs.map((tr) => ({ m: tr.dataset.measure, b: tr.dataset.breakdown, raw: tr.cells[3].dataset.raw })));
  const badP = prog.targets.filter((x) => !rows.find((r) => r.m === x.measure && r.b === (x.breakdown || '') && r.raw === String(x.achieved)));
  check(`progress: every target's achievement equals the API's (${prog.targets.length})`, prog.targets.length === 11 && badP.length === 0, JSON.stringify(badP));
  await open(page, `#/progress?as_of=${picked}`);
  const prog2 = (await apiFromPage(page, `/v1/agreements/${a.id}/progress?as_of=${picked}`)).body;
  const rows2 = await page.$$eval('table.progress tbody tr', (trs) => trs.map((tr) => ({ m: tr.dataset.measure, b: tr.dataset.breakdown, raw: tr.cells[3].dataset.raw })));
  const badP2 = prog2.targets.filter((x) => !rows2.find((r) => r.m === x.measure && r.b === (x.breakdown || '') && r.raw === String(x.achieved)));
  check(`progress on ${picked}: every target's achievement equals the API's of that day`, badP2.length === 0 && JSON.stringify(rows) !== JSON.stringify(rows2), JSON.stringify(badP2));
  await open(page, '#/inclusive');
  const inc = (await apiFromPage(page, `/v1/reports/inclusive?as_of=${closed}`)).body;
  const incRaw = await page.$eval('.card .value[data-raw]', (e) => e.dataset.raw);
  const verdict = await page.textContent('.two-balance');
  check('inclusive: the balance and the two increases equal the API\'s', incRaw === inc.inclusive_balance &&
    verdict.includes(inc.balance_grows_no_slower === null ? '无年初基数' : inc.balance_grows_no_slower ? '达成' : '未达成'), `${incRaw} ${verdict} ${JSON.stringify(inc)}`);
  await open(page, '#/quality');
  const expect = `${h / 100n}.${(h % 100n).toString().padStart(2, '0')}%`;
  check('quality: the NPL ratio shown equals the API\'s classes', (await page.textContent('.npl')) === expect, `${await page.textContent('.npl')} vs ${expect}`);
  check('quality: no class-less row', !(await page.$('table.report tr[data-key="undefined"]')));
  /* The matrix's cells off the diagonal that hold loans (the page marks the diagonal and an empty cell). */
  const moves = (await apiFromPage(page, `/v1/reports/moves?from=${from}&as_of=${closed}`)).body.cells.filter((m) => m.from !== m.to && m.loans > 0);
  const cells = await page.$$eval('table.matrix tbody tr', (trs) => trs.flatMap((tr) => [...tr.cells].slice(2).map((td, i) => ({ from: tr.dataset.key, i, raw: td.dataset.raw, loans: td.dataset.loans }))));
  const classes = meta.classes.map((c) => c.key);
  const badM = moves.filter((m) => !cells.some((c) => c.from === m.from && classes[c.i] === m.to && c.raw === m.balance && c.loans === String(m.loans)));
  check(`quality: the 5×5 migration matrix holds every move of the API (${moves.length})`, cells.length === 25 && badM.length === 0, JSON.stringify(badM));
  const summary = await page.$$eval('.chart-summary', (ps) => ps.map((p) => p.textContent));
  check('quality: each chart has a text summary for screen readers', summary.length >= 2 && summary.every((s) => s.length > 10), summary.join(' | ').slice(0, 300));
  const toolbox = await page.evaluate(() => !!echarts.getInstanceByDom(document.querySelector('.chart')).getOption().toolbox[0].feature.saveAsImage);
  check('charts save as images (ECharts\' toolbox)', toolbox);
  // Print: no navigation; the title, date, unit and source.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({ nav: getComputedStyle(document.querySelector('header')).display, head: getComputedStyle(document.querySelector('.print-head')).display, text: document.querySelector('.print-head').textContent }));
  check('print: the header and menu hidden, a line with title, date, unit and source', printed.nav === 'none' && printed.head !== 'none' && /截至 \d{4}-\d{2}-\d{2}/.test(printed.text) && /单位/.test(printed.text) && /来源/.test(printed.text), JSON.stringify(printed));
  await page.pdf({ path: path.join(out, 'quality-print.pdf') }).catch(() => {});
  await page.emulateMedia({ media: 'screen' });
  // Keyboard: a table row opens by Enter; the focus is visible.
  await open(page, '#/cities');
  await page.focus('.tilemap .tile:last-child');
  await page.keyboard.press('Shift+Tab');
  const focused = await page.evaluate(() => ({ tile: document.activeElement.classList.contains('tile'), outline: getComputedStyle(document.activeElement).outlineStyle }));
  check('keyboard: Tab moves between the tiles, the focus visible', focused.tile && focused.outline !== 'none', JSON.stringify(focused));
  const reachable = await page.$$eval('table.report tbody tr', (trs) => trs.every((tr) => tr.tabIndex === 0 && tr.getAttribute('role') === 'link'));
  check('keyboard: every row that opens a page is reachable by Tab', reachable);
}

async function governmentLimits(page) {
  const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
  check('dalian: no bank page in the menu', !nav.some((p) => ['quality', 'exposures', 'certificates', 'eod'].includes(p)), nav.join(','));
  for (const p of ['exposures', 'quality', 'certificates']) {
    await page.evaluate((h) => { location.hash = h; }, '#/' + p);
    await page.waitForSelector('main .refused');
    check(`dalian: the bank's ${p} page is refused in the page`, (await page.textContent('main .refused')).includes('无权访问'));
  }
  const ex = await apiFromPage(page, '/v1/reports/exposures?limit=20');
  check('dalian: and in the API it calls (403)', ex.status === 403, ex.status);
  const moves = await apiFromPage(page, '/v1/reports/moves?from=2025-01-01&as_of=2025-12-31');
  check('dalian: class moves are the bank\'s (403)', moves.status === 403, moves.status);
  await page.evaluate(() => { location.hash = '#/city/210100'; });
  await page.waitForSelector('main .refused');
  check('dalian: Shenyang\'s page is refused in the page', (await page.textContent('main .refused')).includes('无权访问'));
  const eod = (await apiFromPage(page, '/v1/eod')).body;
  const other = await apiFromPage(page, `/v1/reports/credit?as_of=${eod.last_closed}&by=city&region=210100`);
  check('dalian: Shenyang\'s figures are refused by the API (403)', other.status === 403, JSON.stringify(other));
  const own = await apiFromPage(page, `/v1/reports/credit?as_of=${eod.last_closed}&by=city`);
  check('dalian: its own report holds Dalian alone', own.status === 200 && own.body.every((r) => r.city === 210200), JSON.stringify(own.body).slice(0, 200));
  // Its own targets of the province's agreement, on its first screen and its targets page.
  const list = (await apiFromPage(page, '/v1/agreements')).body;
  const a = list[0];
  check('dalian: it sees the province\'s agreement with its own targets only', list.length === 1 && a.region === 210000 && a.targets.length > 0 && a.targets.every((x) => x.breakdown === 'city:210200'), JSON.stringify(list).slice(0, 300));
  const asOf = eod.last_closed < a.end_date ? eod.last_closed : a.end_date;
  const prog = (await apiFromPage(page, `/v1/agreements/${a.id}/progress?as_of=${asOf}`)).body;
  const mine = prog.targets[0];
  check('dalian: its target\'s progress, with its rank among the 14', prog.targets.every((x) => x.breakdown === 'city:210200') && mine.rank >= 1 && mine.of === 14, JSON.stringify(prog));
  await open(page, '#/home');
  const rank = await page.$eval('[data-card="rank"] .value', (e) => e.dataset.raw);
  check('dalian first screen: its rank', rank === String(mine.rank), rank);
  const counts = JSON.parse(await page.$eval('[data-card="counts"] .value', (e) => e.dataset.raw));
  check('dalian first screen: its targets counted', Object.values(counts).reduce((x, y) => x + y, 0) === prog.targets.length, JSON.stringify(counts));
  await open(page, '#/progress');
  const raw = await page.$eval('table.progress tbody tr', (tr) => tr.cells[3].dataset.raw);
  check('dalian: its targets page shows its own 38亿-style target, achieved as the API says', raw === mine.achieved, `${raw} vs ${mine.achieved}`);
  await open(page, '#/city/210200', 'dalian-city');
  check('dalian: its own city page opens', (await page.$$('main table.report')).length === 2);
  check('dalian: and below the city, aggregates only (no borrower list)', !(await page.$('table.borrowers')));
}

async function enterpriseActions(page) {
  // The first screen: next due, available credit, certificates maturing.
  await open(page, '#/home');
  const loans = (await apiFromPage(page, `/v1/parties/${supplier}/loans`)).body;
  const fac = (await apiFromPage(page, `/v1/parties/${supplier}/facilities`)).body;
  const certs = (await apiFromPage(page, `/v1/parties/${supplier}/certificates`)).body;
  const raw = async (c) => page.$eval(`[data-card="${c}"] .value`, (e) => e.dataset.raw || null);
  const avail = fac.reduce((x, f) => x + toFen(f.available || '0'), 0n);
  check('enterprise first screen: available credit is the facilities\' sum', (await raw('available')) === `${avail / 100n}.${(avail % 100n).toString().padStart(2, '0')}`, await raw('available'));
  let due = null;
  for (const x of loans.filter((l) => l.status === 'active')) {
    const s = (await apiFromPage(page, `/v1/loans/${x.id}/schedule`)).body;
    const i = s.installments.find((y) => y.n === x.installment);
    if (i && (!due || i.due_date < due.date)) due = { date: i.due_date, fen: toFen(i.payment) + toFen(x.principal_overdue) + toFen(x.interest_overdue) + toFen(x.penalty) };
  }
  const dueNote = await page.textContent('[data-card="next-due"]');
  check('enterprise first screen: what is due next and when', due ? dueNote.includes(due.date) && (await raw('next-due')) === `${due.fen / 100n}.${(due.fen % 100n).toString().padStart(2, '0')}` : true, `${dueNote} ${JSON.stringify(due, (k, v) => typeof v === 'bigint' ? String(v) : v)}`);
  const held0 = certs.filter((c) => c.status === 'held').sort((x, y) => (x.maturity < y.maturity ? -1 : 1));
  check('enterprise first screen: the next certificate maturing', (await raw('maturing')) === (held0[0] ? held0[0].maturity : null), await raw('maturing'));

  await open(page, '#/facilities');
  await sameFigures(page, 'facilities', 'table.facilities', fac, (r) => r.id, ['limit', 'available', 'drawn'], [1, 2, 3]);
  const local = await download(page, '.exports a[data-format="csv"]', 'facilities.csv');
  const rowsCsv = parseCsv(fs.readFileSync(local, 'utf8'));
  check('an enterprise\'s table saves as CSV with the exact figures', fac.every((f) => rowsCsv.some((r) => r.includes(f.limit) && r.includes(f.available || '0'))), JSON.stringify(rowsCsv).slice(0, 300));
  await open(page, '#/loans');
  const methods = await page.$$eval('table.loans tbody tr', (trs) => trs.map((tr) => tr.cells[3].textContent));
  check('loans: repayment methods by name', methods.length > 0 && methods.every((m) => /[\u4e00-\u9fff]/.test(m)), methods.join(','));
  const marks = await page.$$eval('table.schedule tbody tr', (trs) => trs.map((tr) => tr.className));
  check('loans: the schedule marks each installment paid, current or unpaid', marks.length > 0 && marks.every((m) => /mark-(paid|current|unpaid)/.test(m)), marks.join(','));
  const other = await apiFromPage(page, `/v1/parties/${otherParty}/loans`);
  check('an enterprise cannot read another\'s loans (404)', other.status === 404, other.status);
  const otherReceivers = await apiFromPage(page, `/v1/parties/${otherParty}/receivers?q=企业`);
  check('nor search receivers for another (404)', otherReceivers.status === 404, otherReceivers.status);

  await open(page, '#/mycerts');
  const held = (await apiFromPage(page, `/v1/parties/${supplier}/certificates`)).body.filter((c) => c.status === 'held');
  check('the supplier holds a certificate part', held.length > 0, JSON.stringify(held).slice(0, 200));
  if (!held.length) return;
  const part = held[0];
  check('my certificates: the core enterprise by name', (await page.textContent('table.held')).includes(part.core_name) && !(await page.textContent('table.held')).includes(part.core), part.core_name);
  const otherName = (await apiFromPage(page, `/v1/parties/${supplier}/receivers?q=${encodeURIComponent(otherParty)}`)).body[0].name;
  const before = JSON.stringify((await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body);
  // The receiver by name: type part of its name, pick it from the list.
  await page.selectOption('form.transfer select[name=part]', part.id);
  await page.fill('form.transfer input[name=receiver]', otherName);
  await page.waitForSelector(`form.transfer .receivers li[data-party="${otherParty}"]`);
  const listed = await page.$$eval('form.transfer .receivers li[data-party]', (ls) => ls.map((l) => l.dataset.party));
  check('the receiver is found by name, never the holder itself nor the core', listed.includes(otherParty) && !listed.includes(supplier) && !listed.includes(part.core), listed.join(','));
  await page.click(`form.transfer .receivers li[data-party="${otherParty}"]`);
  const generated = await page.inputValue('form.transfer input[name=id]');
  check('the new part\'s id is generated', /^t[0-9a-z]{8,}$/.test(generated) && generated.length <= 48, generated);
  // Beyond what is held: refused at the preview, in Chinese, nothing written.
  const tooMuch = toFen(part.face) + 100n;
  await page.fill('form.transfer input[name=amount]', `${tooMuch / 100n}.${(tooMuch % 100n).toString().padStart(2, '0')}`);
  await page.evaluate(() => { document.querySelector('#message').hidden = true; });
  await page.click('form.transfer button[type=submit]');
  await page.waitForSelector('#message.error:not([hidden])');
  const msg = await page.textContent('#message');
  check('a transfer beyond what is held is refused in the page\'s language', msg === '金额超过持有金额', msg);
  check('and nothing is written', before === JSON.stringify((await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body));
  await page.screenshot({ path: path.join(out, 'supplier-refused.png'), fullPage: true });
  // 1,000.00 yuan with a thousands separator: the preview, then the confirm step.
  await page.fill('form.transfer input[name=amount]', '1,000.00');
  await page.click('form.transfer button[type=submit]');
  await page.waitForSelector('form.transfer .preview');
  const quote = JSON.parse(await page.getAttribute('form.transfer .preview', 'data-quote'));
  const previewText = await page.textContent('form.transfer .preview');
  check('the transfer is previewed: the receiver by name and the amount, from the API\'s quote', quote.to === otherParty && quote.amount === '1000.00' && previewText.includes(otherName) && previewText.includes('1,000.00'), previewText);
  check('and nothing is written before the confirm', before === JSON.stringify((await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body));
  await page.screenshot({ path: path.join(out, 'supplier-transfer-preview.png'), fullPage: true });
  await page.click('form.transfer .preview .confirm');
  await page.waitForSelector(`table.lineage-parts tr[data-key="${generated}"]`, { timeout: 30000 });
  await page.screenshot({ path: path.join(out, 'supplier-transferred.png'), fullPage: true });
  const tree = (await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body;
  const moved = tree.parts.find((p) => p.id === generated);
  check('the transfer is in the lineage, to the receiver picked, for 1,000.00', moved && moved.holder === otherParty && moved.face === '1000.00', JSON.stringify(moved));
  const row = await page.$eval(`table.lineage-parts tr[data-key="${generated}"]`, (tr) => tr.textContent);
  check('and the page shows it by the receiver\'s name', row.includes(otherName), row);
  // Selling 2.00 yuan to the bank: the quote's discount and proceeds are what the book pays.
  await open(page, '#/mycerts');
  const deposit = (await apiFromPage(page, `/v1/accounts/dep:${supplier}`)).body;
  await page.selectOption('form.finance select[name=part]', part.id);
  await page.fill('form.finance input[name=amount]', '2.00');
  const fid = await page.inputValue('form.finance input[name=id]');
  await page.click('form.finance button[type=submit]');
  await page.waitForSelector('form.finance .preview');
  const fq = JSON.parse(await page.getAttribute('form.finance .preview', 'data-quote'));
  const fText = await page.textContent('form.finance .preview');
  check('the financing is previewed: discount and proceeds from the API', fq.amount === '2.00' && toFen(fq.discount) + toFen(fq.proceeds) === 200n && fText.includes(fq.proceeds), fText);
  await page.click('form.finance .preview .confirm');
  await page.waitForSelector(`table.lineage-parts tr[data-key="${fid}"]`, { timeout: 30000 });
  const sold = (await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body.parts.find((p) => p.id === fid);
  check('a part sold to the bank is the bank\'s, financed at the quoted discount', sold && sold.holder === 'bank' && sold.financed && sold.face === '2.00' && sold.financed.proceeds === fq.proceeds && sold.financed.discount === fq.discount, JSON.stringify(sold));
  const after2 = (await apiFromPage(page, `/v1/accounts/dep:${supplier}`)).body;
  const paid = toFen(after2.credits_posted) - toFen(deposit.credits_posted);
  check('and the proceeds quoted reach the deposit account', paid === toFen(fq.proceeds), `${paid} vs ${fq.proceeds}`);
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
