/* mysubsidies.js — 财政贴息 An enterprise's own interest subsidies: each of its loans enrolled in
 * a government's scheme (GET /v1/parties/{id}/subsidies, its own alone), under which scheme and
 * how it is paid (net: the bank charges the net rate; deposit: the subsidy comes to its deposit
 * account once the government pays), what the loan accrued, what the government paid, what is
 * pending and of it already claimed. The figures are the API's, in yuan; the page sums nothing. */
import { api } from '../api.js';
import { el, heading, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { pct, w } from '../schemes.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

function rate(s) {
  return s.points !== '0.0000' ? w('points_a_year', { p: s.points.replace(/\.?0+$/, '') }) : `${w('share_of_interest')} ${pct(s.share)}`;
}

function subsidiesTable(list) {
  const u = 'yuan';
  return table([w('loan'), w('scheme'), w('mode'), w('sub_rate'), w('start'), w('until'),
    num(`${w('may_earn')} (${t(u)})`), num(`${w('accrued')} (${t(u)})`), num(`${w('sub_received')} (${t(u)})`),
    num(`${w('sub_pending')} (${t(u)})`), num(`${w('sub_claimed')} (${t(u)})`), num(`${w('rejected')} (${t(u)})`)],
  list.map((s) => el('tr', { 'data-key': s.loan, 'data-scheme': s.scheme, 'data-mode': s.mode },
    el('td', {}, s.loan), el('td', {}, s.name), el('td', { title: w('mode_note_' + s.mode) }, label('subsidy_modes', s.mode)),
    el('td', { 'data-points': s.points, 'data-share': s.share }, rate(s)), el('td', {}, s.start), el('td', {}, s.until),
    moneyCell(s.committed, u), moneyCell(s.accrued, u), moneyCell(s.paid, u), moneyCell(s.pending, u), moneyCell(s.claimed, u),
    moneyCell(s.rejected, u))),
  { class: 'report my-subsidies' });
}

export async function pageMySubsidies(main) {
  const list = await api(`/v1/parties/${encodeURIComponent(session.me.party)}/subsidies`);
  heading(main, `${t('mysubsidies')} · ${session.me.party_name || session.me.party}`, session.closed, 'yuan');
  main.append(el('h2', {}, w('my_subsidies')));
  if (!list.length) { main.append(el('p', { class: 'muted none-here' }, w('no_subsidies'))); return; }
  main.append(subsidiesTable(list));
}
