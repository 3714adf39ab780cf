/* trends.js — 趋势 Trends: balance by line of business at each month end (up to 36), from the
 * first agreement's start, every month end asked at once. */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { fromDate } from '../credit.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, plot, unitFor } from '../money.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

/* The month ends from first's month through last, and last itself; the latest 36. */
function monthEnds(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  for (;;) {
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    if (end > last) break;
    out.push(end);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  if (!out.length || out[out.length - 1] !== last) out.push(last);
  return out.slice(-36);
}

export async function pageTrends(main) {
  const agreements = await api('/v1/agreements');
  const first = agreements.length ? agreements[0].start_date : fromDate();
  const dates = monthEnds(first, session.closed);
  const series = {};
  const reports = await Promise.all(dates.map((d) => api(`/v1/reports/credit?as_of=${d}&by=line`).catch(() => [])));
  reports.forEach((rows, i) => {
    for (const r of rows) (series[r.line] = series[r.line] || {})[dates[i]] = r.balance;
  });
  const all = Object.values(series).flatMap((s) => Object.values(s));
  const unit = unitFor(maxFen(all));
  main.append(el('h1', {}, `${t('trends')} · ${t('balance')} (${t(unit)}) · ${t('month_end')}`));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, {
    legend: { data: Object.keys(series).map((l) => label('lines', l)) },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: t(unit) },
    series: Object.entries(series).map(([l, s]) => ({ name: label('lines', l), type: 'line', stack: 'all', areaStyle: {}, data: dates.map((d) => plot(s[d] || '0', unit)) })),
  });
}
