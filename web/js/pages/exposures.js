/* exposures.js — 大额风险 Exposures: the 20 largest borrowers by principal outstanding, each with
 * its rank, share of the book, worst class, city, industry and chain, its facilities' limit and
 * drawn, opening the borrower's page. */
import { api } from '../api.js';
import { el, heading, moneyCell, num, numCell, opens, table } from '../dom.js';
import { exportBar } from '../exports.js';
import { pctE2, shareE2 } from '../growth.js';
import { t } from '../i18n.js';
import { maxFen, toFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { cityName, label } from '../vocab.js';

export async function pageExposures(main) {
  const [rows, book] = await Promise.all([api('/v1/reports/exposures?limit=20'), api(`/v1/reports/credit?as_of=${session.closed}`)]);
  const total = book.reduce((a, r) => a + toFen(r.balance), 0n);
  const unit = unitFor(maxFen(rows.map((r) => r.principal)));
  heading(main, t('exposures'), session.closed, unit);
  main.append(exportBar('exposures', { as_of: session.closed, limit: 20 }));
  main.append(table([num(t('rank')), t('borrowers_list'), t('city_col'), t('industry'), t('chain'), num(`${t('principal')} (${t(unit)})`), num(t('share')), t('class'),
    num(`${t('limit')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`)],
  rows.map((r, i) => opens(el('tr', { 'data-key': r.party }, numCell(i + 1), el('td', {}, r.name), el('td', {}, r.city ? cityName(r.city) : '—'),
    el('td', {}, r.industry || '—'), el('td', {}, r.chain ? label('chains', r.chain) : t('no_chain')), moneyCell(r.principal, unit),
    el('td', { class: 'num' }, pctE2(shareE2(r.principal, total))), el('td', {}, r.class ? label('classes', r.class) : '—'),
    moneyCell(r.limit === undefined ? null : r.limit, unit), moneyCell(r.drawn === undefined ? null : r.drawn, unit)), '#/party/' + encodeURIComponent(r.party))), { class: 'exposures' }));
}
