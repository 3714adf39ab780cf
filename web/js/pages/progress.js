/* progress.js — 目标进度 Targets: each agreement the user may see, on the last day closed (or the
 * end of its period): every target, achieved, percent, the share of the period elapsed, ahead or
 * behind (ceilings: within or exceeded), and a chart of percent against time elapsed. */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { cityName, label } from '../vocab.js';

/* A target's dimension ("line:green", "chain:aerospace", "city:210200") by its label. */
function breakdownName(b) {
  if (!b) return '';
  const [k, v] = b.split(':');
  if (k === 'line') return label('lines', v);
  if (k === 'chain') return label('chains', v);
  if (k === 'city') return cityName(Number(v));
  return b;
}

export async function pageProgress(main) {
  const closed = session.closed;
  const list = await api('/v1/agreements');
  main.append(el('h1', {}, t('progress')));
  if (!list.length) { main.append(el('p', { class: 'muted' }, '—')); return; }
  for (const a of list) {
    const asOf = closed < a.end_date ? (closed < a.start_date ? a.start_date : closed) : a.end_date;
    main.append(el('h2', {}, `${t('agreement')} ${a.id} · ${a.bank} · ${cityName(a.region)} · ${t('period')} ${a.start_date} – ${a.end_date} · ${t('as_of')} ${asOf}`));
    let p;
    try { p = await api(`/v1/agreements/${encodeURIComponent(a.id)}/progress?as_of=${asOf}`); }
    catch (e) { main.append(el('p', { class: 'muted' }, e.message)); continue; }
    const unit = unitFor(maxFen(p.targets.filter((x) => typeof x.target === 'string').map((x) => x.target)));
    const rows = p.targets.map((x) => {
      const isMoney = typeof x.target === 'string' && !/_max$/.test(x.measure);
      const cell = (v) => isMoney ? moneyCell(v, unit) : el('td', { class: 'num', 'data-raw': v }, v === null ? '—' : String(v) + (/_max$/.test(x.measure) ? '%' : ''));
      const badge = el('span', { class: 'badge ' + (x.status === 'ahead' || x.status === 'within' ? 'ok' : x.status === 'suppressed' ? 'none' : 'bad') }, t(x.status));
      return el('tr', { 'data-measure': x.measure, 'data-breakdown': x.breakdown || '' },
        el('td', {}, label('measures', x.measure)), el('td', {}, breakdownName(x.breakdown)),
        cell(x.target), cell(x.achieved),
        el('td', { class: 'num' }, x.percent ? x.percent + '%' : '—'),
        el('td', { class: 'num' }, x.elapsed_percent ? x.elapsed_percent + '%' : '—'),
        el('td', {}, badge));
    });
    main.append(table([t('measure'), t('breakdown'), num(`${t('target')} (${t(unit)})`), num(`${t('achieved')} (${t(unit)})`), num(t('percent')), num(t('elapsed')), t('state')], rows, { class: 'progress', 'data-agreement': a.id }));
    const shares = p.targets.filter((x) => x.percent);
    const box = el('div', { class: 'chart' });
    main.append(box);
    chart(box, {
      legend: { data: [t('percent'), t('elapsed')] },
      xAxis: { type: 'category', data: shares.map((x) => label('measures', x.measure) + (x.breakdown ? ' ' + breakdownName(x.breakdown) : '')), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      grid: { bottom: 120 },
      series: [
        { name: t('percent'), type: 'bar', data: shares.map((x) => Number(x.percent)) },
        { name: t('elapsed'), type: 'line', data: shares.map((x) => Number(x.elapsed_percent)) },
      ],
    });
  }
}
