/* exposures.js — 大额风险 Exposures: the 20 largest borrowers by principal outstanding. */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, unitFor } from '../money.js';

export async function pageExposures(main) {
  const rows = await api('/v1/reports/exposures?limit=20');
  const unit = unitFor(maxFen(rows.map((r) => r.principal)));
  main.append(el('h1', {}, t('exposures')));
  main.append(table([t('party'), '', num(`${t('principal')} (${t(unit)})`)],
    rows.map((r) => el('tr', { 'data-key': r.party }, el('td', {}, r.party), el('td', {}, r.name), moneyCell(r.principal, unit))), { class: 'exposures' }));
}
