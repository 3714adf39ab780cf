/* progress.js — 目标进度 Targets: each agreement the user may see (a city's user: its own targets
 * of the province's), on the page's day within the agreement's period: every target, achieved,
 * completion, the share of the period elapsed, the verdict (at the end of the period, behind is
 * not met; ceilings: within or exceeded), a city's rank; a chart of completion against time
 * elapsed; the table's exports. */
import { chart, GUIDE, summarize } from '../chart.js';
import { el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { exportBar } from '../exports.js';
import { t } from '../i18n.js';
import { maxFen, unitFor } from '../money.js';
import { breakdownName, progressAll, ratioPercent, targetName, TONE, verdict, verdictLabel } from '../targets.js';
import { cityName, label } from '../vocab.js';
import { asOf, picker } from '../when.js';

function valueCell(x, v, unit) {
  const isMoney = typeof x.target === 'string' && !/_(max|min)$/.test(x.measure);
  if (isMoney) return moneyCell(v, unit);
  return el('td', { class: 'num', 'data-raw': v === null ? null : String(v) }, v === null ? '—' : x.measure === 'npl_ratio_max' ? ratioPercent(v) : String(v) + (/rate_m(ax|in)$/.test(x.measure) ? '%' : ''));
}

export async function pageProgress(main) {
  const list = await progressAll(asOf());
  const unit = unitFor(maxFen(list.flatMap((g) => (g.p ? g.p.targets : [])).filter((x) => typeof x.target === 'string' && !/_(max|min)$/.test(x.measure)).map((x) => x.target)));
  heading(main, t('progress'), asOf(), unit);
  await picker(main, false);
  if (!list.length) { main.append(el('p', { class: 'muted' }, t('none'))); return; }
  for (const { a, day, p, error } of list) {
    main.append(el('h2', {}, `${t('agreement')} ${a.id} · ${a.bank} · ${cityName(a.region)} · ${t('period')} ${a.start_date} – ${a.end_date} · ${t('as_of')} ${day}`));
    if (error) { main.append(el('p', { class: 'muted' }, error.message)); continue; }
    const rows = p.targets.map((x) => {
      const v = verdict(x);
      return el('tr', { 'data-measure': x.measure, 'data-breakdown': x.breakdown || '', 'data-verdict': v },
        el('td', {}, label('measures', x.measure)), el('td', {}, breakdownName(x.breakdown)),
        valueCell(x, x.target, unit), valueCell(x, x.achieved, unit),
        numCell(x.percent || null, x.percent ? '%' : ''), numCell(x.elapsed_percent || null, x.elapsed_percent ? '%' : ''),
        el('td', {}, el('span', { class: 'badge ' + TONE[v] }, verdictLabel(v))),
        el('td', { class: 'num' }, x.rank ? `${x.rank}/${x.of}` : ''));
    });
    main.append(exportBar('progress', { agreement: a.id, as_of: day }));
    main.append(table([t('measure'), t('breakdown'), num(`${t('target')} (${t(unit)})`), num(`${t('achieved')} (${t(unit)})`), num(t('percent')), num(t('elapsed')), t('state'), num(t('rank'))], rows, { class: 'progress', 'data-agreement': a.id }));
    const shares = p.targets.filter((x) => x.percent);
    const box = el('div', { class: 'chart' });
    main.append(box);
    const names = shares.map(targetName);
    await chart(box, {
      legend: { data: [t('percent'), t('elapsed')] },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      grid: { left: 50, right: 20, bottom: 130 },
      series: [
        { name: t('percent'), type: 'bar', data: shares.map((x) => Number(x.percent)) },
        { name: t('elapsed'), type: 'line', data: shares.map((x) => (x.elapsed_percent ? Number(x.elapsed_percent) : null)), color: GUIDE, lineStyle: { color: GUIDE, type: 'dashed', width: 2 }, itemStyle: { color: GUIDE } },
      ],
    }, summarize(`${t('progress')} ${a.id}`, names, [
      { name: t('percent'), data: shares.map((x) => x.percent + '%') },
      { name: t('elapsed'), data: shares.map((x) => (x.elapsed_percent ? x.elapsed_percent + '%' : '—')) }]));
  }
}
