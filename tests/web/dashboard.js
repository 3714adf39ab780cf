// dashboard.js — the dashboard in a real browser (Debian's Chromium, driven by playwright-core):
// each role logs in and opens every page of its own; the figures shown equal the API's; an
// enterprise transfers part of a certificate and sees it in the lineage, and an action beyond
// what it holds is refused with nothing written; a government user of one city cannot reach
// another city's or the bank's pages, in the page or in the API it calls; a wrong password, too
// many of them, and a session ended by a restart of the server each get a clear message. Every
// module under web/js loads (text/javascript) without a console error, and the labels of
// cities, chains and lines shown are /v1/meta's, in Chinese and in English. A screenshot of
// each page goes to OUT. Prints ok/FAIL lines and "N passed, N failed".
//
// Usage: node dashboard.js FINBRIDGE BOOK WEB OUT SUPPLIER OTHER_PARTY
'use strict';
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');

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
  await page.evaluate((h) => { location.hash = h; }, hash);
  const name = hash.replace(/^#\//, '').split('/')[0];
  await page.waitForSelector(`main[data-ready="${name}"], main[data-ready="error"]`, { timeout: 30000 });
  const ready = await page.getAttribute('main', 'data-ready');
  if (screenshot) await page.screenshot({ path: path.join(out, screenshot + '.png'), fullPage: true });
  return ready;
}

// Every money cell of a table's rows (data-raw) against the API's rows, matched by data-key.
async function sameFigures(page, name, selector, apiRows, keyOf, fields) {
  const cells = await page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => ({
    key: tr.dataset.key, cells: [...tr.querySelectorAll('td[data-raw]')].map((td) => ({ raw: td.dataset.raw, text: td.textContent })),
  })));
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
  bank: ['progress', 'cities', 'chains', 'lines', 'projects', 'inclusive', 'trends', 'quality', 'exposures', 'certificates', 'eod'],
  auditor: ['progress', 'cities', 'quality', 'exposures', 'certificates'],
  liaoning: ['progress', 'cities', 'chains', 'lines', 'projects', 'inclusive', 'trends'],
  dalian: ['progress', 'cities', 'chains', 'lines', 'projects', 'inclusive', 'trends'],
  supplier: ['facilities', 'loans', 'mycerts'],
  admin: ['status'],
};

async function main() {
  fs.mkdirSync(out, { recursive: true });
  await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/js/')) scripts[u.pathname] = `${r.status()} ${r.headers()['content-type']}`;
    });

    // Every module loads as JavaScript, and the page runs without an error.
    await page.goto(`${base()}/?load=${++loads}#/login`);
    const started = await page.waitForSelector('form.login', { timeout: 10000 }).then(() => true, () => false);
    const modules = moduleFiles(path.join(web, 'js'), '/js');
    const unloaded = modules.filter((m) => !/^200 text\/javascript/.test(scripts[m] || ''));
    check(`every module loads as text/javascript (${modules.length})`, modules.length >= 10 && unloaded.length === 0,
      unloaded.map((m) => `${m}: ${scripts[m] || 'not asked'}`).join('; '));
    check('and without a console error', consoleErrors.length === 0 && errors.length === 0, consoleErrors.concat(errors).join(' | '));
    check('the page starts: the login form', started);
    if (!started) throw new Error('the dashboard did not start');

    // A wrong password: a clear message, still the login page.
    await login(page, 'bank', 'not-the-password');
    await page.waitForFunction(() => document.querySelector('.login-error') && document.querySelector('.login-error').textContent.length > 0);
    check('a wrong password is refused with a message', (await page.textContent('.login-error')).includes('用户名或密码错误'));
    await page.screenshot({ path: path.join(out, 'login-refused.png') });
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
    check('and the right password waits too', /too many failed logins/.test(await page.textContent('.login-error')));

    for (const [user, pages] of Object.entries(ROLE_PAGES)) {
      await ctx.clearCookies();
      await login(page, user, user + '-2025');
      await page.waitForSelector(`#nav a[data-page="${pages[0]}"]`);
      const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
      check(`${user}: logs in and sees its pages in the menu`, JSON.stringify(nav.filter((p) => pages.includes(p))) === JSON.stringify(pages), nav.join(','));
      for (const p of pages) {
        const ready = await open(page, '#/' + p, `${user}-${p}`);
        check(`${user}: ${p} opens`, ready === p, await page.textContent('main'));
      }
      if (user === 'bank') await bankFigures(page);
      if (user === 'dalian') await governmentLimits(page);
      if (user === 'supplier') await enterpriseActions(page);
    }

    // English.
    await ctx.clearCookies();
    await login(page, 'liaoning', 'liaoning-2025');
    await page.waitForSelector('#nav a');
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#nav a').textContent === 'Targets');
    check('the switch to English changes the page', (await page.textContent('#nav')).includes('Industry chains'));
    await open(page, '#/cities', 'liaoning-cities-en');
    check('amounts in English units', /100m yuan|10k yuan/.test(await page.textContent('main table thead')));
    await sameLabels(page, 'cities in English', 'cities', 'en');
    await open(page, '#/chains');
    await sameLabels(page, 'chains in English', 'chains', 'en');
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
    await login(page, 'liaoning', 'liaoning-2025');
    await page.waitForSelector('main[data-ready="progress"]');
    check('logging in again opens the page asked for', true);
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

async function bankFigures(page) {
  const eod = (await apiFromPage(page, '/v1/eod')).body;
  const closed = eod.last_closed;
  const from = closed.slice(0, 4) + '-01-01';
  await open(page, '#/cities');
  const cities = (await apiFromPage(page, `/v1/reports/credit?as_of=${closed}&from=${from}&by=city`)).body;
  await sameFigures(page, 'cities', 'table.report', cities, (r) => r.city, ['balance', 'new']);
  const meta = await sameLabels(page, 'cities', 'cities', 'zh');
  check('/v1/meta: the province and its 14 cities in code order', meta.province.code === 210000 && meta.cities.length === 14 &&
    meta.cities.every((c, i) => i === 0 || c.code > meta.cities[i - 1].code), JSON.stringify(meta.cities).slice(0, 300));
  await open(page, '#/chains');
  await sameLabels(page, 'chains', 'chains', 'zh');
  check('chains: machine tools are 工业母机, the C side\'s word', (await page.textContent('table.report')).includes('工业母机') &&
    meta.chains.find((c) => c.key === 'machine_tools').zh === '工业母机');
  await open(page, '#/lines');
  const lines = (await apiFromPage(page, `/v1/reports/credit?as_of=${closed}&from=${from}&by=line`)).body;
  await sameFigures(page, 'lines', 'table.report', lines, (r) => r.line, ['balance', 'new']);
  await sameLabels(page, 'lines', 'lines', 'zh');
  await open(page, '#/projects');
  const projects = (await apiFromPage(page, '/v1/projects')).body;
  await sameFigures(page, 'projects', 'table.projects', projects, (r) => r.id, ['total_investment', 'financing_need', 'approved', 'drawn', 'outstanding']);
  await open(page, '#/exposures');
  const ex = (await apiFromPage(page, '/v1/reports/exposures?limit=20')).body;
  await sameFigures(page, 'exposures', 'table.exposures', ex, (r) => r.party, ['principal']);
  await open(page, '#/progress');
  const agreements = (await apiFromPage(page, '/v1/agreements')).body;
  const a = agreements[0];
  const asOf = closed < a.end_date ? closed : a.end_date;
  const prog = (await apiFromPage(page, `/v1/agreements/${a.id}/progress?as_of=${asOf}`)).body;
  const rows = await page.$$eval('table.progress tbody tr', (trs) => trs.map((tr) => ({ m: tr.dataset.measure, b: tr.dataset.breakdown, raw: tr.querySelectorAll('td[data-raw]')[1].dataset.raw })));
  const bad = prog.targets.filter((x) => !rows.find((r) => r.m === x.measure && r.b === (x.breakdown || '') && r.raw === String(x.achieved)));
  check(`progress: every target's achievement equals the API's (${prog.targets.length})`, prog.targets.length === 11 && bad.length === 0, JSON.stringify(bad));
  await open(page, '#/inclusive');
  const inc = (await apiFromPage(page, `/v1/reports/inclusive?as_of=${closed}`)).body;
  const raw = await page.$eval('.card .value[data-raw]', (e) => e.dataset.raw);
  const verdict = await page.textContent('.two-balance');
  check('inclusive: the balance and the two increases equal the API\'s', raw === inc.inclusive_balance &&
    verdict.includes(inc.balance_grows_no_slower === null ? '无年初基数' : inc.balance_grows_no_slower ? '达成' : '未达成'), `${raw} ${verdict} ${JSON.stringify(inc)}`);
  await open(page, '#/quality');
  const cls = (await apiFromPage(page, `/v1/reports/credit?as_of=${closed}&by=class`)).body;
  let total = 0n, npl = 0n;
  for (const r of cls) { const f = toFen(r.balance); total += f; if (['substandard', 'doubtful', 'loss'].includes(r.class)) npl += f; }
  const h = (npl * 10000n + total / 2n) / total;
  const expect = `${h / 100n}.${(h % 100n).toString().padStart(2, '0')}%`;
  check('quality: the NPL ratio shown equals the API\'s classes', (await page.textContent('.npl')) === expect, `${await page.textContent('.npl')} vs ${expect}`);
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
  await open(page, '#/city/210200', 'dalian-city');
  check('dalian: its own city page opens', (await page.$$('main table.report')).length === 2);
}

async function enterpriseActions(page) {
  await open(page, '#/facilities');
  const fac = (await apiFromPage(page, `/v1/parties/${supplier}/facilities`)).body;
  await sameFigures(page, 'facilities', 'table.facilities', fac, (r) => r.id, ['limit', 'available', 'drawn']);
  const other = await apiFromPage(page, `/v1/parties/${otherParty}/loans`);
  check('an enterprise cannot read another\'s loans (404)', other.status === 404, other.status);
  await open(page, '#/mycerts');
  const held = (await apiFromPage(page, `/v1/parties/${supplier}/certificates`)).body.filter((c) => c.status === 'held');
  check('the supplier holds a certificate part', held.length > 0, JSON.stringify(held).slice(0, 200));
  if (!held.length) return;
  const part = held[0];
  const before = JSON.stringify((await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body);
  // Beyond what is held: a message naming the field, nothing written.
  const tooMuch = (toFen(part.face) + 100n).toString();
  await page.selectOption('form.transfer select[name=part]', part.id);
  await page.fill('form.transfer input[name=to]', otherParty);
  await page.fill('form.transfer input[name=amount]', tooMuch.slice(0, -2) + '.' + tooMuch.slice(-2));
  await page.fill('form.transfer input[name=id]', 'dash-too-much');
  await page.evaluate(() => { document.querySelector('#message').hidden = true; });
  await page.click('form.transfer button[type=submit]');
  await page.waitForSelector('#message.error:not([hidden])');
  const msg = await page.textContent('#message');
  check('a transfer beyond what is held is refused with a message', /exceeds_held/.test(msg), msg);
  const after = JSON.stringify((await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body);
  check('and nothing is written', before === after && !after.includes('dash-too-much'));
  await page.screenshot({ path: path.join(out, 'supplier-refused.png'), fullPage: true });
  // A real transfer of 1.00 yuan to another supplier, then seen in the lineage.
  await open(page, '#/mycerts');
  await page.selectOption('form.transfer select[name=part]', part.id);
  await page.fill('form.transfer input[name=to]', otherParty);
  await page.fill('form.transfer input[name=amount]', '1.00');
  await page.fill('form.transfer input[name=id]', 'dash-t-1');
  await page.click('form.transfer button[type=submit]');
  await page.waitForSelector('table.lineage-parts tr[data-key="dash-t-1"]', { timeout: 30000 });
  await page.screenshot({ path: path.join(out, 'supplier-transferred.png'), fullPage: true });
  const tree = (await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body;
  const moved = tree.parts.find((p) => p.id === 'dash-t-1');
  check('the transfer is in the lineage, to the other party, for 1.00', moved && moved.holder === otherParty && moved.face === '1.00', JSON.stringify(moved));
  const row = await page.$eval('table.lineage-parts tr[data-key="dash-t-1"]', (tr) => tr.textContent);
  check('and the page shows it', row.includes(otherParty));
  // Selling 2.00 yuan of the part to the bank: the bank holds the new part, financed.
  await open(page, '#/mycerts');
  const deposit = (await apiFromPage(page, `/v1/accounts/dep:${supplier}`)).body;
  await page.selectOption('form.finance select[name=part]', part.id);
  await page.fill('form.finance input[name=amount]', '2.00');
  await page.fill('form.finance input[name=id]', 'dash-f-1');
  await page.click('form.finance button[type=submit]');
  await page.waitForSelector('table.lineage-parts tr[data-key="dash-f-1"]', { timeout: 30000 });
  const sold = (await apiFromPage(page, `/v1/certificates/${part.root}/lineage`)).body.parts.find((p) => p.id === 'dash-f-1');
  check('a part sold to the bank is the bank\'s, financed', sold && sold.holder === 'bank' && sold.financed && sold.face === '2.00', JSON.stringify(sold));
  const after2 = (await apiFromPage(page, `/v1/accounts/dep:${supplier}`)).body;
  const paid = toFen(after2.credits_posted) - toFen(deposit.credits_posted);
  check('and the proceeds (face less discount) reach the deposit account', sold && paid === toFen(sold.financed.proceeds), `${paid} vs ${sold && sold.financed.proceeds}`);
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
