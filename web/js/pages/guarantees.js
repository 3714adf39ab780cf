/* guarantees.js — 政府性融资担保 Government financing guarantees by the borrowers' city: the
 * guaranteed loans' balance, the part guaranteed and the bank's net exposure after the
 * guarantees, the claims made on defaulted loans, and what each guarantor (the guarantee
 * company, the national fund, the provincial re-guarantee) owes, has paid and was given back of
 * later recoveries. A government reads its region's cities (a small cell as —); the rows and the
 * total are the API's (GET /v1/reports/guarantees, ?as_of= the day picked), the page sums nothing. */
import { api } from '../api.js';
import { card, el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, money, unitFor } from '../money.js';
import { dayArg, schemeTabs, w } from '../schemes.js';
import { session } from '../session.js';
import { cityName, label } from '../vocab.js';
import { asOf, picker } from '../when.js';

const WHO = ['company', 'national_fund', 'provincial'];

function cards(r, unit) {
  return el('div', { class: 'cards guarantee-cards', 'data-city': String(r.city) },
    card(`${w('principal')} (${t(unit)})`, money(r.principal, unit), { raw: r.principal, name: 'principal', note: `${w('guarantees')} ${r.guarantees === null ? '—' : r.guarantees}` }),
    card(`${w('net_exposure')} (${t(unit)})`, money(r.net_exposure, unit), { raw: r.net_exposure, name: 'net_exposure' }),
    card(`${w('basis')} (${t(unit)})`, money(r.basis, unit), { raw: r.basis, name: 'basis', note: `${w('claims')} ${r.claims === null ? '—' : r.claims}` }),
    card(w('overdue'), r.overdue, { raw: r.overdue, name: 'overdue', tone: r.overdue ? 'bad' : 'ok' }));
}

function byCity(rows, unit) {
  return table([t('city_col'), num(w('guarantees')), num(w('borrowers')), num(`${w('principal')} (${t(unit)})`), num(`${w('guaranteed')} (${t(unit)})`),
    num(`${w('net_exposure')} (${t(unit)})`), num(w('claims')), num(`${w('basis')} (${t(unit)})`), num(w('overdue'))],
  rows.map((r, i) => el('tr', { 'data-key': String(r.city), class: i === rows.length - 1 && rows.length > 1 ? 'total' : null, title: r.suppressed ? t('suppressed') : null },
    el('td', {}, cityName(r.city)), numCell(r.guarantees), numCell(r.borrowers), moneyCell(r.principal, unit), moneyCell(r.guaranteed, unit),
    moneyCell(r.net_exposure, unit), numCell(r.claims), moneyCell(r.basis, unit), numCell(r.overdue))),
  { class: 'report guarantees-cities' });
}

/* The claims' parts city by city: each guarantor's owed and paid. */
function partsByCity(rows, unit) {
  const heads = WHO.flatMap((g) => [num(`${label('guarantors', g)} ${w('owed')}`), num(`${label('guarantors', g)} ${w('paid_by')}`)]);
  return table([t('city_col'), ...heads, num(`${w('bank_share')} (${t(unit)})`)],
    rows.map((r) => el('tr', { 'data-key': String(r.city) }, el('td', {}, cityName(r.city)),
      ...WHO.flatMap((g) => [moneyCell(r[g + '_owed'], unit), moneyCell(r[g + '_paid'], unit)]), moneyCell(r.bank_share, unit))),
    { class: 'report guarantees-parts' });
}

/* The region's total by guarantor: owes, has paid, given back. */
function byGuarantor(r, unit) {
  return table([w('guarantor'), num(`${w('owed')} (${t(unit)})`), num(`${w('paid_by')} (${t(unit)})`), num(`${w('returned_to')} (${t(unit)})`)],
    [...WHO.map((g) => el('tr', { 'data-key': g }, el('td', {}, label('guarantors', g)), moneyCell(r[g + '_owed'], unit), moneyCell(r[g + '_paid'], unit), moneyCell(r[g + '_returned'], unit))),
      el('tr', { 'data-key': 'bank' }, el('td', {}, label('guarantors', 'bank')), moneyCell(r.bank_share, unit), el('td', { class: 'num' }, '—'), el('td', { class: 'num' }, '—'))],
    { class: 'report guarantees-guarantors' });
}

export async function pageGuarantees(main) {
  const rows = await api('/v1/reports/guarantees' + dayArg('?'));
  const government = session.me.role === 'government';
  const total = rows[rows.length - 1];
  const unit = unitFor(maxFen(rows.map((r) => r.principal || '0')));
  heading(main, `${t('guarantees')}${government ? ' · ' + cityName(session.me.region) : ''}`, asOf(), unit);
  await picker(main, false);
  main.append(schemeTabs('guarantees'));
  if (!rows.length) { main.append(el('p', { class: 'muted none-here' }, w('none_here'))); return; }
  main.append(el('h2', {}, cityName(total.city)), cards(total, unit));
  main.append(el('p', { class: 'muted' }, w('split')));
  main.append(el('h2', {}, w('by_guarantor')), byGuarantor(total, unit));
  main.append(el('h2', {}, w('by_city')), byCity(rows, unit));
  main.append(el('h3', {}, `${w('by_city')} · ${w('by_guarantor')}`), partsByCity(rows, unit));
}
