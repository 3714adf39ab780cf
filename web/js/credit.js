/* credit.js — the credit report (/v1/reports/credit) on the page's day, with new credit over its
 * period (when.js), by one dimension (city, chain, line), ranked by balance, as a chart and a
 * table with its exports: the chains, lines and city pages are each one or two of these. */
import { report } from './api.js';
import { chart, summarize } from './chart.js';
import { el, heading, moneyCell, num, numCell, opens, table } from './dom.js';
import { exportBar } from './exports.js';
import { t } from './i18n.js';
import { maxFen, money, plot, toFen, unitFor } from './money.js';
import { asOf, periodFrom, picker } from './when.js';

export function creditBy(by, region, day, from) {
  let q = `/v1/reports/credit?as_of=${day || asOf()}&from=${from || periodFrom()}&by=${by}`;
  if (region) q += `&region=${region}`;
  return report(q);
}

export function byBalance(a, b) { const x = toFen(a.balance), y = toFen(b.balance); return x < y ? 1 : x > y ? -1 : 0; }

/* Balance and new credit by one dimension, ranked, as a chart and a table. name(row) labels a
 * row; region, when given, is one city; first: the page's heading and pickers are drawn here. */
export async function pageBy(main, title, by, name, region, first = true) {
  const rows = (await creditBy(by, region)).filter((r) => by !== 'class' || r.class);
  rows.sort(byBalance);
  const unit = unitFor(maxFen(rows.map((r) => r.balance).concat(rows.map((r) => r.new))));
  if (first) {
    heading(main, title, asOf(), unit);
    await picker(main, true);
  } else {
    main.append(el('h2', {}, title));
  }
  const box = el('div', { class: 'chart' });
  main.append(box);
  const names = rows.map(name);
  const series = [
    { name: t('balance'), type: 'bar', data: rows.map((r) => plot(r.balance, unit)) },
    { name: t('new_credit'), type: 'bar', data: rows.map((r) => plot(r.new, unit)) },
  ];
  await chart(box, {
    legend: { data: [t('balance'), t('new_credit')] },
    grid: { left: 60, right: 20, bottom: 90 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: t(unit) },
    series,
  }, summarize(`${title} (${t(unit)})`, names, [
    { name: t('balance'), data: rows.map((r) => money(r.balance, unit)) },
    { name: t('new_credit'), data: rows.map((r) => money(r.new, unit)) }]));
  const args = { as_of: asOf(), from: periodFrom(), by };
  if (region) args.region = region;
  main.append(exportBar('credit', args));
  main.append(table([title, num(`${t('balance')} (${t(unit)})`), num(t('loans_n')), num(t('borrowers')), num(`${t('new_credit')} ${periodFrom()}– (${t(unit)})`)],
    rows.map((r) => {
      const tr = el('tr', { 'data-key': String(r[by]) },
        el('td', {}, name(r)), moneyCell(r.balance, unit), numCell(r.loans),
        numCell(r.borrowers), moneyCell(r.new, unit));
      return by === 'city' ? opens(tr, '#/city/' + r.city + location.hash.replace(/^[^?]*/, '')) : tr;
    }), { class: 'report', 'data-by': by }));
}
