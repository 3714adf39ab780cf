/* facilities.js — 授信 Facilities: an enterprise's facilities: limit, available, drawn, as the
 * book holds them now; saved as CSV here (the exports are the bank's). */
import { api } from '../api.js';
import { el, heading, moneyCell, num, table } from '../dom.js';
import { localExport } from '../exports.js';
import { t } from '../i18n.js';
import { maxFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

export async function pageFacilities(main) {
  const party = session.me.party;
  const list = await api(`/v1/parties/${encodeURIComponent(party)}/facilities`);
  const unit = unitFor(maxFen(list.map((f) => f.limit)));
  heading(main, `${t('facilities')} · ${session.me.party_name || party}`, session.business, unit);
  const tbl = table([t('line'), num(`${t('limit')} (${t(unit)})`), num(`${t('available')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`), t('period')],
    list.map((f) => el('tr', { 'data-key': f.id }, el('td', {}, label('lines', f.line)), moneyCell(f.limit, unit), moneyCell(f.available || '0', unit), moneyCell(f.drawn || '0', unit), el('td', {}, `${f.start_date} – ${f.end_date}`))), { class: 'facilities' });
  main.append(localExport(tbl, 'facilities'), tbl);
}
