/* facilities.js — 授信 Facilities: an enterprise's facilities: limit, available, drawn. */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

export async function pageFacilities(main) {
  const party = session.me.party;
  const list = await api(`/v1/parties/${encodeURIComponent(party)}/facilities`);
  const unit = unitFor(maxFen(list.map((f) => f.limit)));
  main.append(el('h1', {}, `${t('facilities')} · ${party}`));
  main.append(table(['', t('line'), num(`${t('limit')} (${t(unit)})`), num(`${t('available')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`), t('period')],
    list.map((f) => el('tr', { 'data-key': f.id }, el('td', {}, f.id), el('td', {}, label('lines', f.line)), moneyCell(f.limit, unit), moneyCell(f.available || '0', unit), moneyCell(f.drawn || '0', unit), el('td', {}, `${f.start_date} – ${f.end_date}`))), { class: 'facilities' }));
}
