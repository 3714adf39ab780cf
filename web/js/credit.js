/* credit.js — the credit report on the last day closed (/v1/reports/credit) by one dimension
 * (city, chain, line), ranked by balance, as a chart and a table: the cities, chains, lines and
 * city pages are each one or two of these. */
import { api } from './api.js';
import { chart } from './chart.js';
import { el, moneyCell, num, table } from './dom.js';
import { t } from './i18n.js';
import { maxFen, plot, toFen, unitFor } from './money.js';
import { session } from './session.js';

/* The first day of the last closed day's year: new credit is counted from it. */
export function fromDate() { return session.closed.slice(0, 4) + '-01-01'; }

async function creditBy(by, region) {
  let q = `/v1/reports/credit?as_of=${session.closed}&from=${fromDate()}&by=${by}`;
  if (region) q += `&region=${region}`;
  return api(q);
}

/* Balance and new credit by one dimension, ranked, as a chart and a table. name(row) labels a
 * row; region, when given, is one city. */
export async function pageBy(main, title, by, name, region) {
  const rows = await creditBy(by, region);
  rows.sort((a, b) => (toFen(b.balance) > toFen(a.balance) ? 1 : toFen(b.balance) < toFen(a.balance) ? -1 : 0));
  const unit = unitFor(maxFen(rows.map((r) => r.balance).concat(rows.map((r) => r.new))));
  main.append(el('h1', {}, `${title} · ${t('as_of')} ${session.closed}`));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, {
    legend: { data: [t('balance'), t('new_credit')] },
    xAxis: { type: 'category', data: rows.map(name), axisLabel: { rotate: rows.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: t(unit) },
    series: [
      { name: t('balance'), type: 'bar', data: rows.map((r) => plot(r.balance, unit)) },
      { name: t('new_credit'), type: 'bar', data: rows.map((r) => plot(r.new, unit)) },
    ],
  });
  main.append(table([title, num(`${t('balance')} (${t(unit)})`), num(t('loans_n')), num(t('borrowers')), num(`${t('new_credit')} ${fromDate()}– (${t(unit)})`)],
    rows.map((r) => el('tr', { 'data-key': String(r[by]) , class: by === 'city' ? 'clickable' : '', onclick: by === 'city' ? () => { location.hash = '#/city/' + r.city; } : null },
      el('td', {}, name(r)), moneyCell(r.balance, unit), el('td', { class: 'num' }, r.loans),
      el('td', { class: 'num' }, r.borrowers), moneyCell(r.new, unit))), { class: 'report', 'data-by': by }));
}
