// demands.js — the financing demands' pages in a real browser (Debian's Chromium, driven by
// playwright-core): the bank's queue shows the open demands in the API's order with the levels
// the API counts, and it and the pipeline walk them a page at a time; the pipeline's figures are the report's; an enterprise posts a demand from its
// page (a bad amount is refused with nothing written) and withdraws another; the bank accepts,
// records the contact and grants the first from its queue, each step then in the API; Dalian's
// government sees Dalian alone, posts for a Dalian enterprise and is refused one of Shenyang; the
// province's government reads a small cell as a dash; no page logs an error. Screenshots go to OUT.
//
// Usage: node demands.js FINBRIDGE BOOK WEB OUT PARTY OTHER_CITY_PARTY
'use strict';
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');

const [finbridge, book, web, out, party, otherParty] = process.argv.slice(2);
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

/* The levels each row shows (data-left), against the API's. */
async function sameLevels(page, name, selector, list) {
  const rows = await page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => ({
    key: tr.dataset.key,
    levels: Object.fromEntries([...tr.querySelectorAll('[data-level]')].map((s) => [s.dataset.level, s.dataset.left || ''])),
  })));
  const problems = [];
  list.forEach((d, i) => {
    const r = rows[i];
    if (!r || r.key !== d.id) { problems.push(`row ${i}: ${r && r.key}, the API's ${d.id}`); return; }
    const want = { response: d.response_left === undefined ? '' : String(d.response_left), decision: d.decision_left === undefined ? '' : String(d.decision_left) };
    if (r.levels.response !== want.response || r.levels.decision !== want.decision) problems.push(`${d.id}: ${JSON.stringify(r.levels)} vs ${JSON.stringify(want)}`);
  });
  check(`${name}: the rows and their levels are the API's, in its order (${list.length})`, list.length > 0 && rows.length === list.length && problems.length === 0, problems.join('; '));
}

/* A page of open demands walked a page at a time from its first (limit in the URL, about a third
 * of them a page), by its pager's next link: each page at most limit rows, numbered on, the
 * last without a next link, and the rows of all pages the API's list, in its order. */
async function walkPages(page, name, selector, list) {
  const limit = Math.max(1, Math.floor(list.length / 3));
  await open(page, `#/${name}?limit=${limit}`);
  const seen = [];
  const problems = [];
  for (let n = 1; n <= list.length + 1; n++) {
    const keys = await page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => tr.dataset.key));
    const pager = await page.$eval('nav.pager', (p) => ({ page: p.dataset.page, more: p.dataset.more, next: !!p.querySelector('a.next-page'), first: !!p.querySelector('a.first-page') }));
    if (keys.length > limit) problems.push(`page ${n}: ${keys.length} rows`);
    if (pager.page !== String(n)) problems.push(`page ${n} numbered ${pager.page}`);
    if (pager.first !== (n > 1)) problems.push(`page ${n}: first-page link ${pager.first}`);
    seen.push(...keys);
    if (!pager.next) break;
    await page.evaluate(() => { document.querySelector('main').removeAttribute('data-ready'); });
    await page.click('nav.pager a.next-page');
    await page.waitForSelector(`main[data-ready="${name}"], main[data-ready="error"]`, { timeout: 30000 });
  }
  const want = list.map((d) => d.id);
  check(`${name}: its ${list.length} open demands a page of ${limit} at a time, the API's in its order`,
    list.length > 1 && problems.length === 0 && JSON.stringify(seen) === JSON.stringify(want), `${problems.join('; ')} ${JSON.stringify(seen).slice(0, 200)} vs ${JSON.stringify(want).slice(0, 200)}`);
}

async function submitAndSettle(page, selector) {
  await page.evaluate(() => { document.querySelector('#message').hidden = true; });
  await page.click(`${selector} button[type=submit]`);
  await page.waitForSelector('#message:not([hidden])');
  return { text: await page.textContent('#message'), error: await page.$eval('#message', (m) => m.className === 'error') };
}

async function bank(ctx, page) {
  await login(ctx, page, 'bank');
  const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
  check('bank: the queue and the pipeline are in its menu', nav.includes('queue') && nav.includes('pipeline'), nav.join(','));
  check('bank: the queue opens', (await open(page, '#/queue', 'bank-queue')) === 'queue');
  // Six demands more from the bank's key-enterprise list, so that the pages have pages.
  const more = await page.evaluate(async (p) => {
    const body = [0, 1, 2, 3, 4, 5].map((i) => ({ id: `page-${i}`, party: p, amount: '200000.00', purpose: `测试：分页 ${i}`, months: 12, line: 'inclusive', source: 'key_enterprises', consent: true }));
    const r = await fetch('/v1/demands', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'finbridge' }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  }, party);
  check('bank: six demands more posted from its list', more.status === 200 && more.body.every((l) => l.result === 'done' && l.status === 'posted'), JSON.stringify(more).slice(0, 300));
  await open(page, `#/queue?t=${Date.now()}`);
  const open_ = (await apiFromPage(page, '/v1/demands?status=open')).body;
  await sameLevels(page, 'bank queue', 'table.queue', open_.slice(0, 50));
  await walkPages(page, 'queue', 'table.queue', open_);
  await walkPages(page, 'pipeline', 'table.pipeline', open_);
  check('bank: some demand waits past its level in the demo', open_.some((d) => d.response_overdue || d.decision_overdue), JSON.stringify(open_.map((d) => [d.id, d.response_left, d.decision_left])).slice(0, 300));
  check('bank: the pipeline opens', (await open(page, '#/pipeline', 'bank-pipeline')) === 'pipeline');
  const eod = (await apiFromPage(page, '/v1/eod')).body;
  const q = `/v1/reports/demands?as_of=${eod.last_closed}&from=${eod.last_closed.slice(0, 4)}-01-01`;
  const total = (await apiFromPage(page, q)).body[0];
  const shown = await page.$eval('.demand-cards [data-measure=received]', (e) => e.textContent);
  check('bank: the demands received are the report\'s', total && shown === String(total.received), `${shown} vs ${JSON.stringify(total)}`);
  const cities = (await apiFromPage(page, q + '&by=city')).body;
  const rates = await page.$$eval('table.demand-cities tbody tr', (trs) => trs.map((tr) => [tr.dataset.key, tr.querySelectorAll('[data-rate]')[1] ? tr.querySelectorAll('[data-rate]')[1].dataset.rate : null]));
  const bad = cities.filter((c) => !rates.find(([k, r]) => k === String(c.city) && (r === null ? c.match_rate === null : r === c.match_rate)));
  check(`bank: the match rate of each city is the report's (${cities.length})`, cities.length > 1 && bad.length === 0, JSON.stringify(bad).slice(0, 300));
}

async function enterprise(ctx, page) {
  await login(ctx, page, 'firm');
  check('enterprise: its demands open', (await open(page, '#/mydemands', 'firm-demands')) === 'mydemands');
  const before = (await apiFromPage(page, '/v1/demands')).body;
  const keys = await page.$$eval('table.demands tbody tr', (trs) => trs.map((tr) => tr.dataset.key));
  check('enterprise: its own demands, the API\'s', keys.length === before.length && before.every((d) => keys.includes(d.id)), `${keys.length} vs ${before.length}`);
  // A bad amount: refused with a message naming the field, nothing written.
  await page.fill('form.post-demand input[name=amount]', '-1');
  await page.fill('form.post-demand input[name=purpose]', '测试：无效金额');
  const refused = await submitAndSettle(page, 'form.post-demand');
  check('enterprise: a bad amount is refused naming the field', refused.error && /amount/.test(refused.text), refused.text);
  check('enterprise: and nothing is written', (await apiFromPage(page, '/v1/demands')).body.length === before.length);
  const post = async (purpose) => {
    await open(page, '#/mydemands');
    await page.fill('form.post-demand input[name=amount]', '100000.00');
    await page.fill('form.post-demand input[name=purpose]', purpose);
    await page.check('form.post-demand input[name=consent]');
    const r = await submitAndSettle(page, 'form.post-demand');
    await page.waitForSelector('main[data-ready="mydemands"]');
    const list = (await apiFromPage(page, '/v1/demands')).body;
    return { r, d: list.find((x) => x.purpose === purpose) };
  };
  const a = await post('测试：购置设备');
  check('enterprise: a demand posted from its page is in the book, posted', !a.r.error && a.d && a.d.status === 'posted' && a.d.consent === true, JSON.stringify(a));
  const b = await post('测试：撤回');
  await page.waitForSelector(`table.demands tr[data-key="${b.d.id}"] button.withdraw`);
  await page.click(`table.demands tr[data-key="${b.d.id}"] button.withdraw`);
  await page.waitForSelector(`table.demands tr[data-key="${b.d.id}"][data-status="withdrawn"]`, { timeout: 30000 });
  const withdrawn = (await apiFromPage(page, `/v1/demands/${b.d.id}`)).body;
  check('enterprise: it withdraws its own demand', withdrawn.status === 'withdrawn' && withdrawn.withdrawn_by === 'enterprise', JSON.stringify(withdrawn).slice(0, 200));
  await page.screenshot({ path: path.join(out, 'firm-posted.png'), fullPage: true });
  return a.d.id;
}

async function bankWorks(ctx, page, id) {
  await login(ctx, page, 'bank');
  const steps = [['accept', 'accepted'], ['contact', 'contacted'], ['grant', 'granted']];
  for (const [form, status] of steps) {
    await open(page, `#/queue/${id}?t=${Date.now()}`);
    if (form === 'grant') await page.fill(`form.grant input[name=amount]`, '100000.00');
    const r = await submitAndSettle(page, `form.${form}[data-demand="${id}"]`);
    const d = (await apiFromPage(page, `/v1/demands/${id}`)).body;
    check(`bank: ${form} from the queue`, !r.error && d.status === status, `${r.text} ${d.status}`);
  }
  const d = (await apiFromPage(page, `/v1/demands/${id}`)).body;
  check('bank: granted on the enterprise\'s facility', d.granted === '100000.00' && d.facility === `fac-${party}`, JSON.stringify(d).slice(0, 300));
  await page.screenshot({ path: path.join(out, 'bank-granted.png'), fullPage: true });
}

async function dalian(ctx, page) {
  await login(ctx, page, 'dalian');
  const nav = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
  check('dalian: the pipeline in its menu, not the bank\'s queue', nav.includes('pipeline') && !nav.includes('queue'), nav.join(','));
  check('dalian: the pipeline opens', (await open(page, '#/pipeline', 'dalian-pipeline')) === 'pipeline');
  const cities = await page.$$eval('table.demand-cities tbody tr', (trs) => trs.map((tr) => tr.dataset.key));
  check('dalian: Dalian alone', cities.length === 1 && cities[0] === '210200', cities.join(','));
  const list = (await apiFromPage(page, '/v1/demands?status=open')).body;
  check('dalian: the demands it sees are Dalian\'s, consented or a government\'s', list.every((d) => d.city === 210200 && (d.consent || d.source !== 'enterprise')), JSON.stringify(list.map((d) => [d.id, d.city, d.consent, d.source])).slice(0, 300));
  const fill = async (who) => {
    await open(page, `#/pipeline?t=${Date.now()}`);
    await page.fill('form.post-for input[name=party]', who);
    await page.fill('form.post-for input[name=amount]', '500000.00');
    await page.fill('form.post-for input[name=purpose]', `测试：代${who}提交`);
    await page.fill('form.post-for input[name=recommendation]', '重点企业，建议优先');
    return submitAndSettle(page, 'form.post-for');
  };
  const ok = await fill(party);
  const mine = (await apiFromPage(page, '/v1/demands')).body.find((d) => d.purpose === `测试：代${party}提交`);
  check('dalian: it posts for a Dalian enterprise, as a government', !ok.error && mine && mine.source === 'government' && mine.region === 210200, `${ok.text} ${JSON.stringify(mine)}`);
  const no = await fill(otherParty);
  check('dalian: and is refused one of Shenyang, naming the rule', no.error && /outside_region/.test(no.text), no.text);
  await page.evaluate(() => { location.hash = '#/queue'; });
  await page.waitForSelector('main .refused');
  check('dalian: the bank\'s queue is refused in the page', (await page.textContent('main .refused')).includes('无权访问'));
}

async function province(ctx, page) {
  await login(ctx, page, 'liaoning');
  await open(page, '#/pipeline', 'liaoning-pipeline');
  const eod = (await apiFromPage(page, '/v1/eod')).body;
  const rows = (await apiFromPage(page, `/v1/reports/demands?as_of=${eod.last_closed}&from=${eod.last_closed.slice(0, 4)}-01-01&by=city`)).body;
  const shown = await page.$$eval('table.demand-cities tbody tr', (trs) => trs.map((tr) => [tr.dataset.key, tr.querySelectorAll('td')[1].textContent]));
  const hidden = rows.filter((r) => r.suppressed);
  const bad = rows.filter((r) => { const s = shown.find(([k]) => k === String(r.city)); return !s || (r.suppressed ? s[1] !== '—' : s[1] !== String(r.received)); });
  check(`liaoning: every city's demands as the API gives them, a small cell as — (${hidden.length} of ${rows.length} hidden)`, rows.length > 2 && hidden.length > 0 && bad.length === 0, JSON.stringify(bad).slice(0, 300));
  await open(page, '#/progress', 'liaoning-progress');
  const demandRows = await page.$$eval('table.progress tbody tr', (trs) => trs.filter((tr) => /^demand_/.test(tr.dataset.measure)).map((tr) => tr.textContent));
  check('liaoning: the agreement\'s targets on demands are on the targets page', demandRows.length === 2, demandRows.join(' | '));
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (/^Failed to load resource/.test(m.text()) && /\/v1\/|\/favicon\.ico$/.test(m.location().url || '')) return;
      errors.push(`${m.text()} (${m.location().url || ''})`);
    });
    await bank(ctx, page);
    const id = await enterprise(ctx, page);
    if (id) await bankWorks(ctx, page, id);
    await dalian(ctx, page);
    await province(ctx, page);
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
