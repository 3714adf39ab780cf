/* quality.js — 资产质量 Quality (the bank's): the NPL ratio and balance on the page's day and
 * their change since the start of the year; the balance by five-tier class; the NPL ratio at
 * each month end of the year to the day; the 5×5 migration matrix over the period with rates;
 * provisions, coverage and overdue by age from the regulator's quality report when the server
 * has them (GET /v1/reports/quality and /v1/reports/provisions); in each cell of the matrix the
 * balance moved over the class's balance on the day before the period, and each class's migration
 * rate as the regulator's report counts it (GET /v1/reports/moves). */
import { report } from '../api.js';
import { chart, summarize } from '../chart.js';
import { card, el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { exportBar } from '../exports.js';
import { pctE2, shareE2, signedPct } from '../growth.js';
import { t } from '../i18n.js';
import { maxFen, money, plot, toFen, unitFor } from '../money.js';
import { classesOn, fenText, qualityReport } from '../quality-data.js';
import { entries, label } from '../vocab.js';
import { asOf, monthEnds, periodFrom, picker, yearBase } from '../when.js';

function dayBefore(d) { return new Date(Date.parse(d + 'T00:00:00Z') - 86400000).toISOString().slice(0, 10); }

export async function pageQuality(main) {
  const day = asOf(), from = periodFrom();
  const opening = dayBefore(from);
  const months = monthEnds(day.slice(0, 4) + '-01-01', day).slice(-12);
  const [now, base, open, moves, q, trend] = await Promise.all([
    classesOn(day), classesOn(yearBase(day)).catch(() => null), classesOn(opening).catch(() => null),
    report(`/v1/reports/moves?from=${from}&as_of=${day}`), qualityReport(day),
    Promise.all(months.map((m) => classesOn(m).catch(() => null))),
  ]);
  const unit = unitFor(maxFen(now.rows.map((r) => r.balance)));
  heading(main, t('quality'), day, unit);
  await picker(main, true);
  const box = el('div', { class: 'cards' });
  main.append(box);
  box.append(card(t('npl_ratio'), el('span', { class: 'npl', 'data-npl-fen': now.npl.toString(), 'data-total-fen': now.total.toString() }, pctE2(now.ratio)),
    { name: 'npl', raw: now.ratio, note: `${t('ratio_change')} ${base && base.ratio !== null ? signedPct(now.ratio - base.ratio) : '—'}` }));
  const nu = unitFor(now.npl); /* the NPL figures in their own unit: a tenth of a 亿 reads 0.00 */
  box.append(card(`${t('npl_balance')} (${t(nu)})`, money(fenText(now.npl), nu), { name: 'npl-balance', raw: fenText(now.npl), note: `${t('npl_change')} ${base ? money(fenText(now.npl - base.npl), nu) : '—'}` }));
  box.append(card(t('coverage'), q && q.coverage ? q.coverage + '%' : '—', { name: 'coverage', note: q ? `${t('provisions')} ${money(q.provisions, unit)}` : t('not_yet') }));
  box.append(card(t('provision_ratio'), q && q.provision_ratio ? q.provision_ratio + '%' : '—', { name: 'provision-ratio', note: q ? '' : t('not_yet') }));

  /* The classes. */
  const name = (key) => label('classes', key);
  /* The chart leaves out 正常, which dwarfs the classes a manager watches. */
  const watched = now.rows.filter((r) => r.class !== 'normal');
  const wu = unitFor(maxFen(watched.map((r) => r.balance)));
  const cbox = el('div', { class: 'chart short' });
  main.append(el('h2', {}, `${t('class')} (${t(wu)})`), cbox);
  await chart(cbox, { grid: { left: 60, right: 20 }, xAxis: { type: 'category', data: watched.map((r) => name(r.class)) }, yAxis: { type: 'value', name: t(wu) },
    series: [{ name: t('balance'), type: 'bar', data: watched.map((r) => plot(r.balance, wu)) }] },
  summarize(t('class'), watched.map((r) => name(r.class)), [{ name: t('balance'), data: watched.map((r) => money(r.balance, wu)) }], ' ' + t(wu)));
  main.append(exportBar('credit', { as_of: day, by: 'class' }));
  main.append(table([t('class'), num(`${t('balance')} (${t(unit)})`), num(t('share')), num(t('loans_n')), num(t('borrowers'))],
    now.rows.map((r) => el('tr', { 'data-key': r.class }, el('td', {}, name(r.class)), moneyCell(r.balance, unit), el('td', { class: 'num' }, pctE2(shareE2(r.balance, now.total))), numCell(r.loans), numCell(r.borrowers))),
    { class: 'report', 'data-by': 'class' }));

  /* The NPL ratio by month, with the agreement's ceiling. */
  const tbox = el('div', { class: 'chart short' });
  main.append(el('h2', {}, t('npl_trend')), tbox);
  const ratios = trend.map((x) => (x && x.ratio !== null ? x.ratio / 100 : null));
  await chart(tbox, { grid: { left: 50, right: 20 }, xAxis: { type: 'category', data: months }, yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [{ name: t('npl_ratio'), type: 'line', data: ratios }] },
  summarize(t('npl_trend'), months, [{ name: t('npl_ratio'), data: trend.map((x) => (x ? pctE2(x.ratio) : '—')) }]));

  /* The migration matrix. */
  const classes = entries('classes').map((c) => c.key);
  const cell = {};
  for (const m of moves.cells) cell[m.from + '>' + m.to] = m;
  const openOf = (k) => { const r = open && open.rows.find((x) => x.class === k); return r ? toFen(r.balance) : 0n; };
  const mu = unitFor(maxFen(moves.cells.map((m) => m.balance)));
  main.append(el('h2', {}, `${t('matrix')} ${from} – ${day} (${t(mu)})`));
  main.append(el('p', { class: 'muted' }, t('quality_source')));
  main.append(exportBar('moves', { from, as_of: day }));
  main.append(table([`${t('from')} \\ ${t('to')}`, num(`${t('opening')} (${t(mu)})`)].concat(classes.map((k) => num(name(k)))),
    classes.map((f) => el('tr', { 'data-key': f }, el('td', {}, name(f)), moneyCell(open ? fenText(openOf(f)) : null, mu),
      classes.map((to) => {
        const m = cell[f + '>' + to];
        if (f === to) return el('td', { class: 'num diag' }, '·');
        if (!m || !m.loans) return el('td', { class: 'num muted', 'data-raw': '0.00' }, '—');
        const rate = pctE2(shareE2(m.balance, openOf(f)));
        return el('td', { class: 'num', 'data-raw': m.balance, 'data-loans': String(m.loans), title: `${m.loans} ${t('loans_n')}` }, `${money(m.balance, mu)} · ${rate}`);
      }))), { class: 'matrix' }));
  /* Each class's migration rate (迁徙率), as the regulator's report counts it. */
  main.append(table([t('class'), num(t('migration_rate'))],
    moves.classes.filter((c) => c.rate !== null).map((c) => el('tr', { 'data-key': c.class }, el('td', {}, name(c.class)), el('td', { class: 'num' }, c.rate + '%'))), { class: 'migration-rates' }));

  /* Overdue by age, from the regulator's report. */
  main.append(el('h2', {}, t('overdue_age')));
  if (q && q.overdue) {
    main.append(table([t('overdue_age'), num(`${t('balance')} (${t(unit)})`), num(t('loans_n'))],
      q.overdue.map((b) => el('tr', { 'data-key': b.bucket }, el('td', {}, b.label || b.bucket), moneyCell(b.balance, unit), numCell(b.loans))), { class: 'overdue' }));
  } else {
    main.append(el('p', { class: 'muted not-yet' }, t('not_yet')));
  }
}
