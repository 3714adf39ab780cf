/* trends.js — 趋势 Trends: at each month end (up to 36, from the first agreement's start to the
 * page's day) the balance by line of business, with the agreement's balance targets as lines,
 * and the NPL ratio with its ceiling, so that the months above it show; one credit report by
 * line and class a month end, all asked at once. */
import { report } from '../api.js';
import { chart, GUIDE, summarize } from '../chart.js';
import { el, heading } from '../dom.js';
import { exportBar } from '../exports.js';
import { pctE2 } from '../growth.js';
import { t } from '../i18n.js';
import { maxFen, money, plot, toFen, unitFor } from '../money.js';
import { progressAll, ratioPercent } from '../targets.js';
import { entries, label } from '../vocab.js';
import { asOf, firstDay, monthEnds, picker } from '../when.js';

/* The measures whose target is a balance of one line. */
const BALANCE_TARGETS = { green_balance: 'green', inclusive_balance: 'inclusive' };

export async function pageTrends(main) {
  const day = asOf();
  const dates = monthEnds(await firstDay(), day).slice(-36);
  const npls = new Set(entries('classes').filter((c) => c.npl).map((c) => c.key));
  const [reports, agreements] = await Promise.all([
    Promise.all(dates.map((d) => report(`/v1/reports/credit?as_of=${d}&by=line,class`).catch(() => []))),
    progressAll(day),
  ]);
  const series = {};
  const ratio = [];
  reports.forEach((rows, i) => {
    let total = 0n, npl = 0n;
    const byLine = {};
    for (const r of rows) {
      if (r.line === undefined) continue;
      const f = toFen(r.balance);
      byLine[r.line] = (byLine[r.line] || 0n) + f;
      total += f;
      if (npls.has(r.class)) npl += f;
    }
    for (const [l, f] of Object.entries(byLine)) (series[l] = series[l] || {})[dates[i]] = f;
    ratio.push(total > 0n ? Number((npl * 10000n + total / 2n) / total) : null);
  });
  const fenStr = (f) => { const s = f.toString().padStart(3, '0'); return s.slice(0, -2) + '.' + s.slice(-2); };
  const all = Object.values(series).flatMap((s) => Object.values(s).map(fenStr));
  const unit = unitFor(maxFen(all));
  heading(main, `${t('trends')} · ${t('month_end')}`, day, unit);
  await picker(main, false);
  const targets = agreements.flatMap((g) => (g.p ? g.p.targets : []));
  const lines = Object.keys(series);
  const chartSeries = lines.map((l) => ({ name: label('lines', l), type: 'line', stack: 'all', areaStyle: { opacity: 0.25 }, data: dates.map((d) => plot(fenStr(series[l][d] || 0n), unit)) }));
  for (const x of targets) {
    const line = BALANCE_TARGETS[x.measure];
    if (!line || !series[line]) continue;
    chartSeries.push({ name: `${label('measures', x.measure)} ${t('target_line')}`, type: 'line', data: dates.map(() => plot(x.target, unit)), lineStyle: { type: 'dashed', width: 2 }, symbol: 'none' });
  }
  const box = el('div', { class: 'chart' });
  main.append(el('h2', {}, `${t('balance')} (${t(unit)})`), box);
  await chart(box, {
    legend: { data: chartSeries.map((s) => s.name), type: 'scroll' },
    grid: { left: 60, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: t(unit) },
    series: chartSeries,
  }, summarize(`${t('trends')} (${t(unit)})`, dates, lines.map((l) => ({ name: label('lines', l), data: dates.map((d) => money(fenStr(series[l][d] || 0n), unit)) }))));
  main.append(exportBar('credit', { as_of: day, by: 'line' }));
  const ceiling = targets.find((x) => x.measure === 'npl_ratio_max');
  const nbox = el('div', { class: 'chart short' });
  main.append(el('h2', {}, t('npl_trend')), nbox);
  const nplSeries = [{ name: t('npl_ratio'), type: 'line', data: ratio.map((h) => (h === null ? null : h / 100)) }];
  if (ceiling) {
    const c = ratioPercent(ceiling.target);
    nplSeries.push({ name: `${t('ceiling')} ${c}`, type: 'line', symbol: 'none', data: dates.map(() => Number(c.replace('%', ''))), lineStyle: { color: GUIDE, type: 'dashed', width: 2 }, itemStyle: { color: GUIDE } });
  }
  await chart(nbox, { legend: {}, grid: { left: 50, right: 20 }, xAxis: { type: 'category', data: dates }, yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } }, series: nplSeries },
    summarize(t('npl_trend'), dates, [{ name: t('npl_ratio'), data: ratio.map(pctE2) }]));
  main.append(el('div', { class: 'trend-data', hidden: true, 'data-dates': dates.join(','), 'data-ratios': ratio.join(',') }));
}
