/* city.js — 城市详情 City: one city's credit by line of business and by industry chain on the
 * page's day; below it the bank sees the city's largest borrowers, each opening its page; a
 * government user sees aggregates only, and a city's user its own city only. */
import { api } from '../api.js';
import { pageBy } from '../credit.js';
import { el, moneyCell, num, numCell, opens, table } from '../dom.js';
import { exportBar } from '../exports.js';
import { t } from '../i18n.js';
import { chainName, lineName } from '../labels.js';
import { maxFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { cityName, label, province } from '../vocab.js';
import { asOf } from '../when.js';

export async function pageCity(main, code) {
  const me = session.me;
  code = Number(code);
  if (me.role === 'government' && me.region !== province().code && me.region !== code) {
    main.append(el('p', { class: 'refused' }, t('not_allowed')));
    return;
  }
  await pageBy(main, `${t('city')} ${cityName(code)} · ${t('lines')}`, 'line', lineName, code);
  await pageBy(main, `${cityName(code)} · ${t('chains')}`, 'chain', chainName, code, false);
  if (me.role === 'government') {
    main.append(el('p', { class: 'muted' }, t('not_shown_city')));
    return;
  }
  const rows = await api(`/v1/reports/exposures?limit=20&region=${code}`);
  const unit = unitFor(maxFen(rows.map((r) => r.principal)));
  main.append(el('h2', {}, `${cityName(code)} · ${t('borrowers_list')}`));
  main.append(exportBar('exposures', { as_of: session.closed, region: code, limit: 20 }));
  main.append(table([num(t('rank')), t('borrowers_list'), t('chain'), num(`${t('principal')} (${t(unit)})`)],
    rows.map((r, i) => opens(el('tr', { 'data-key': r.party }, numCell(i + 1), el('td', {}, r.name), el('td', {}, r.chain ? label('chains', r.chain) : t('no_chain')), moneyCell(r.principal, unit)), '#/party/' + encodeURIComponent(r.party))),
    { class: 'borrowers' }));
}
