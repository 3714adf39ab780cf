/* projects.js — 重大项目 Projects: each major project's financing need, approved, drawn and
 * outstanding (a city's government user: its city's). */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, plot, unitFor } from '../money.js';
import { session } from '../session.js';
import { cityName, province } from '../vocab.js';

export async function pageProjects(main) {
  const me = session.me;
  let list = await api('/v1/projects');
  if (me.role === 'government' && me.region !== province().code) list = list.filter((p) => p.city === me.region);
  const unit = unitFor(maxFen(list.map((p) => p.financing_need)));
  main.append(el('h1', {}, t('projects')));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, {
    legend: { data: [t('need'), t('approved'), t('drawn'), t('outstanding')] },
    xAxis: { type: 'category', data: list.map((p) => p.name), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: t(unit) }, grid: { bottom: 120 },
    series: ['financing_need', 'approved', 'drawn', 'outstanding'].map((k, i) => ({
      name: [t('need'), t('approved'), t('drawn'), t('outstanding')][i], type: 'bar', data: list.map((p) => plot(p[k], unit)),
    })),
  });
  main.append(table([t('project'), t('city'), t('start'), num(`${t('investment')} (${t(unit)})`), num(`${t('need')} (${t(unit)})`), num(`${t('approved')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`), num(`${t('outstanding')} (${t(unit)})`)],
    list.map((p) => el('tr', { 'data-key': p.id }, el('td', {}, p.name), el('td', {}, cityName(p.city)), el('td', {}, p.start_date),
      moneyCell(p.total_investment, unit), moneyCell(p.financing_need, unit), moneyCell(p.approved, unit), moneyCell(p.drawn, unit), moneyCell(p.outstanding, unit))),
    { class: 'projects' }));
}
