// bench/dashboard.js — how long each page of the dashboard takes in a real browser (Debian's
// Chromium, headless, through playwright-core) on a given book: from the click to the page's
// figures drawn, charts included (main[data-ready]). The first visit of a page is timed apart
// ("first": the closed days' reports not yet kept by the page, web/js/api.js), then RUNS visits;
// prints each page's first visit, median and p99 (nearest rank: the slowest visit below 100
// runs), the same of the slowest API request of each visit (request sent to answer read, from
// the browser's resource timing), the worst of each against the target, and a baseline measured
// in the same run: GET /v1/meta from the same page.
//
// Usage: node bench/dashboard.js FINBRIDGE BOOK WEB USER PASSWORD [RUNS] [EXTRA_PAGES]
//   EXTRA_PAGES: comma-separated hashes beside the menu's (city/210200,party/ent000005)
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { spawn } = require('child_process');

const [finbridge, book, web, user, password, runsArg, extraArg] = process.argv.slice(2);
const runs = Number(runsArg || 20);
const extra = (extraArg || '').split(',').filter(Boolean);
const TARGET_MS = 100;
const { chromium } = require(path.join(path.resolve(web), 'node_modules', 'playwright-core'));

function rank(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]; }

async function main() {
  const portFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fb-dash-')), 'port');
  const server = spawn(finbridge, ['serve', '--db', book, '--listen', '127.0.0.1:0', '--port-file', portFile, '--web', web, '--request-log', 'off'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  let port = 0;
  for (let i = 0; i < 600 && !port; i++) {
    if (fs.existsSync(portFile)) port = Number(fs.readFileSync(portFile, 'utf8').trim());
    if (!port) await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  let worst = 0, worstApi = 0;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`http://127.0.0.1:${port}/#/login`);
    await page.fill('form.login input[name=name]', user);
    await page.fill('form.login input[name=password]', password);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#nav a');
    await page.waitForSelector('main[data-ready]', { timeout: 120000 });
    const pages = (await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page))).filter((p) => p !== 'status').concat(extra);
    console.log(`bench/dashboard: ${book} as ${user}, a first visit then ${runs} a page (ms, click to figures drawn)`);
    for (const p of pages) {
      const name = p.split('/')[0];
      const times = [], apis = [];
      let first = 0;
      for (let i = 0; i <= runs; i++) {
        await page.evaluate(() => { location.hash = '#/blank'; });
        await page.waitForSelector('main .refused');
        await page.evaluate(() => performance.clearResourceTimings());
        const t0 = Date.now();
        await page.evaluate((h) => { location.hash = h; }, '#/' + p);
        await page.waitForSelector(`main[data-ready="${name}"], main[data-ready="error"]`, { timeout: 120000 });
        const took = Date.now() - t0;
        // The page's API requests: the slowest of the visit (request sent to answer read).
        const api = await page.evaluate(() => performance.getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname.startsWith('/v1/'))
          .reduce((m, e) => Math.max(m, e.responseEnd - e.requestStart), 0));
        if (i) { times.push(took); apis.push(Math.round(api)); } else first = took;
      }
      const state = await page.getAttribute('main', 'data-ready');
      times.sort((a, b) => a - b);
      apis.sort((a, b) => a - b);
      const p99 = rank(times, 0.99), apiP99 = rank(apis, 0.99);
      worst = Math.max(worst, p99);
      worstApi = Math.max(worstApi, apiP99);
      const pad = (v) => String(v).padStart(6);
      console.log(`${p.padEnd(18)} first ${pad(first)}   median ${pad(rank(times, 0.5))}   p99 ${pad(p99)}   api median ${pad(rank(apis, 0.5))}   api p99 ${pad(apiP99)}${state === 'error' ? '   ERROR: ' + (await page.textContent('main')).slice(0, 120) : ''}`);
    }
    // The baseline in the same run: GET /v1/meta (an answer of no figures) from the same page.
    const meta = await page.evaluate(async (n) => {
      const t = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await (await fetch('/v1/meta', { credentials: 'same-origin' })).text();
        t.push(performance.now() - t0);
      }
      return t.map(Math.round).sort((a, b) => a - b);
    }, Math.max(runs, 20));
    const m50 = rank(meta, 0.5), m99 = rank(meta, 0.99);
    console.log(`baseline GET /v1/meta   median ${m50}   p99 ${m99}; worst api p99 ${worstApi} ms = ${(worstApi / Math.max(m99, 1)).toFixed(1)} x the baseline's p99`);
    console.log(`worst p99 ${worst} ms, worst api p99 ${worstApi} ms (target ${TARGET_MS} ms): page ${worst <= TARGET_MS ? 'met' : 'not met'}, api ${worstApi <= TARGET_MS ? 'met' : 'not met'}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
