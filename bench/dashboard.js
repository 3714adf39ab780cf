// bench/dashboard.js — how long each page of the dashboard takes in a real browser (Debian's
// Chromium, headless, through playwright-core) on a given book: from the click to the page's
// figures drawn (main[data-ready]), RUNS visits each; prints the median and the slowest.
//
// Usage: node bench/dashboard.js FINBRIDGE BOOK WEB USER PASSWORD [RUNS]
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { spawn } = require('child_process');

const [finbridge, book, web, user, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 10);
const { chromium } = require(path.join(path.resolve(web), 'node_modules', 'playwright-core'));

async function main() {
  const portFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fb-dash-')), 'port');
  const server = spawn(finbridge, ['serve', '--db', book, '--listen', '127.0.0.1:0', '--port-file', portFile, '--web', web],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  let port = 0;
  for (let i = 0; i < 600 && !port; i++) {
    if (fs.existsSync(portFile)) port = Number(fs.readFileSync(portFile, 'utf8').trim());
    if (!port) await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`http://127.0.0.1:${port}/#/login`);
    await page.fill('form.login input[name=name]', user);
    await page.fill('form.login input[name=password]', password);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#nav a');
    const pages = await page.$$eval('#nav a', (as) => as.map((a) => a.dataset.page));
    console.log(`bench/dashboard: ${book} as ${user}, ${runs} visits a page`);
    for (const p of pages) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        await page.evaluate(() => { location.hash = '#/blank'; });
        await page.waitForSelector('main .refused');
        const t0 = Date.now();
        await page.evaluate((h) => { location.hash = h; }, '#/' + p);
        await page.waitForSelector(`main[data-ready="${p}"], main[data-ready="error"]`, { timeout: 120000 });
        times.push(Date.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`${p.padEnd(14)} median ${String(times[Math.floor(runs / 2)]).padStart(6)} ms   slowest ${String(times[runs - 1]).padStart(6)} ms`);
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
