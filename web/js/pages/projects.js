/* projects.js — 重大项目 Projects: each major project's financing need, approved, drawn and
 * outstanding (a city's government user: its city's), as the book holds them now; the table
 * saved as CSV here (no export kind holds the projects). */
import { api } from '../api.js';
import { chart, summarize } from '../chart.js';
import { el, heading, moneyCell, num, table } from '../dom.js';
import { localExport } from '../exports.js';
import { t } from '../i18n.js';
import { maxFen, money, plot, unitFor } from '../money.js';
import { session } from '../session.js';
import { cityName, label, province } from '../vocab.js';

export async function pageProjects(main) {
  const me = session.me;
  let list = await api('/v1/projects');
  if (me.role === 'government' && me.region !== province().code) list = list.filter((p) => p.city === me.region);
  const unit = unitFor(maxFen(list.map((p) => p.financing_need)));
  heading(main, t('projects'), session.business, unit);
  const box = el('div', { class: 'chart' });
  main.append(box);
  const keys = ['financing_need', 'approved', 'drawn', 'outstanding'];
  const names = [t('need'), t('approved'), t('drawn'), t('outstanding')];
  await chart(box, {
    legend: { data: names },
    xAxis: { type: 'category', data: list.map((p) => p.name), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', name: t(unit) }, grid: { left: 60, right: 20, bottom: 130 },
    series: keys.map((k, i) => ({ name: names[i], type: 'bar', data: list.map((p) => plot(p[k], unit)) })),
  }, summarize(`${t('projects')} (${t(unit)})`, list.map((p) => p.name), keys.map((k, i) => ({ name: names[i], data: list.map((p) => money(p[k], unit)) }))));
  const tbl = table([t('project'), t('city_col'), t('state'), t('start'), num(`${t('investment')} (${t(unit)})`), num(`${t('need')} (${t(unit)})`), num(`${t('approved')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`), num(`${t('outstanding')} (${t(unit)})`)],
    list.map((p) => el('tr', { 'data-key': p.id }, el('td', {}, p.name), el('td', {}, cityName(p.city)), el('td', {}, p.status ? label('project_statuses', p.status) : '—'), el('td', {}, p.start_date),
      moneyCell(p.total_investment, unit), moneyCell(p.financing_need, unit), moneyCell(p.approved, unit), moneyCell(p.drawn, unit), moneyCell(p.outstanding, unit))),
    { class: 'projects' });
  main.append(localExport(tbl, 'projects'), tbl);
}
