/* subsidies.js — 财政贴息 Interest subsidies: each scheme the user may see (a government its
 * region's) with its budget, what its loans took of it, what they accrued, what the government
 * owes (receivable), paid and rejected; its claims by quarter, with the lines decided; and, for
 * the bank and the auditor, the lines of the latest claim (they name loans, which a government
 * never sees). The figures are the API's (GET /v1/subsidies, ?as_of= the day picked; /claims and
 * /lines as they stand). */
import { api } from '../api.js';
import { card, el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, money, unitFor } from '../money.js';
import { dayArg, pct, quarter, schemeTabs, w } from '../schemes.js';
import { session } from '../session.js';
import { cityName, label } from '../vocab.js';
import { asOf, picker } from '../when.js';

function cards(s, unit) {
  return el('div', { class: 'cards subsidy-cards', 'data-scheme': s.id },
    card(`${w('budget')} (${t(unit)})`, money(s.budget, unit), { raw: s.budget, name: 'budget' }),
    card(`${w('committed')} (${t(unit)})`, money(s.committed, unit), { raw: s.committed, name: 'committed', note: `${w('budget_left')} ${money(s.budget_left, unit)}` }),
    card(`${w('accrued')} (${t(unit)})`, money(s.accrued, unit), { raw: s.accrued, name: 'accrued', note: `${w('enrolled')} ${s.enrolled ?? '—'}` }),
    card(`${w('receivable')} (${t(unit)})`, money(s.receivable, unit), { raw: s.receivable, name: 'receivable' }),
    card(`${w('subsidy_paid')} (${t(unit)})`, money(s.paid, unit), { raw: s.paid, name: 'paid', note: `${w('rejected')} ${money(s.rejected, unit)}` }));
}

function claimsTable(claims, unit) {
  return table([w('quarter'), w('claimed'), w('paid_on'), num(w('claim_lines')), num(w('approved_lines')), num(w('rejected_lines')),
    num(`${w('amount')} (${t(unit)})`), num(`${w('approved')} (${t(unit)})`), num(`${w('rejected')} (${t(unit)})`)],
  claims.map((c) => el('tr', { 'data-key': String(c.quarter), title: c.suppressed ? t('suppressed') : null },
    el('td', {}, quarter(c.quarter)), el('td', {}, c.claimed), el('td', {}, c.paid || w('not_paid')), numCell(c.lines),
    numCell(c.approved_lines), numCell(c.rejected_lines), moneyCell(c.amount, unit), moneyCell(c.approved, unit), moneyCell(c.rejected, unit))),
  { class: 'report subsidy-claims' });
}

function linesTable(lines) {
  const decision = { undecided: w('undecided'), approved: w('approved_one'), rejected: w('rejected_one') };
  return table([w('loan'), num(w('days')), num(`${w('amount')} (${t('yuan')})`), w('decision')],
    lines.map((l) => el('tr', { 'data-key': l.loan, 'data-decision': l.decision },
      el('td', {}, l.loan), numCell(l.days), moneyCell(l.amount, 'yuan'),
      el('td', {}, el('span', { class: 'badge ' + (l.decision === 'approved' ? 'ok' : l.decision === 'rejected' ? 'bad' : 'none') }, decision[l.decision] || '—')))),
    { class: 'report subsidy-lines' });
}

async function scheme(main, s, government) {
  const claims = await api(`/v1/subsidies/${encodeURIComponent(s.id)}/claims`);
  const unit = unitFor(maxFen([s.budget, ...claims.map((c) => c.amount || '0')]));
  main.append(el('h2', {}, `${s.name} · ${cityName(s.region)}`));
  main.append(el('p', { class: 'muted subsidy-terms' }, `${t('lines')}：${s.lines.map((l) => label('lines', l)).join('、') || '—'} · ${w('mode')}：${label('subsidy_modes', s.mode)} · ${s.points !== '0.0000' ? `${w('points')} ${pct(s.points)}` : `${w('share')} ${pct(s.share)}`} · ${w('months')} ${s.months}`));
  main.append(cards(s, unit));
  main.append(el('h3', {}, w('claims_by_quarter')), claimsTable(claims, unit));
  if (dayArg('?')) main.append(el('p', { class: 'muted claims-now' }, w('claims_now')));
  if (government) { main.append(el('p', { class: 'muted gov-decides' }, w('gov_decides'))); return; }
  if (!claims.length) return;
  const lines = await api(`/v1/subsidies/${encodeURIComponent(s.id)}/lines?quarter=${claims[0].quarter}`);
  main.append(el('h3', {}, w('lines_of', { q: quarter(claims[0].quarter) })), el('p', { class: 'muted' }, w('lines_note')), linesTable(lines));
}

/* The schemes one may see, one row each, with whom they are for (lines, sizes, the cap per
 * borrower) and their terms. */
function schemesTable(list, unit) {
  const names = (kind, keys, all) => (keys.length ? keys.map((k) => label(kind, k)).join('、') : w(all));
  return table([w('scheme'), w('region'), w('lines'), w('sizes'), num(`${w('borrower_cap')} (${t(unit)})`), w('mode'),
    num(w('points')), num(w('interest_share')), num(w('months')), num(`${w('budget')} (${t(unit)})`), num(`${w('budget_left')} (${t(unit)})`), num(w('enrolled'))],
  list.map((s) => el('tr', { 'data-key': s.id, 'data-lines': s.lines.join(','), 'data-sizes': s.sizes.join(',') },
    el('td', {}, s.name), el('td', {}, cityName(s.region)), el('td', {}, names('lines', s.lines, 'all_lines')),
    el('td', {}, names('sizes', s.sizes, 'all_sizes')), s.borrower_cap === '0.00' ? el('td', { class: 'num', 'data-raw': s.borrower_cap }, w('no_cap')) : moneyCell(s.borrower_cap, unit),
    el('td', {}, label('subsidy_modes', s.mode)), el('td', { class: 'num', 'data-raw': s.points }, pct(s.points)),
    el('td', { class: 'num', 'data-raw': s.share }, pct(s.share)), numCell(s.months), moneyCell(s.budget, unit), moneyCell(s.budget_left, unit), numCell(s.enrolled))),
  { class: 'report subsidy-schemes' });
}

export async function pageSubsidies(main) {
  const list = await api('/v1/subsidies' + dayArg('?'));
  const government = session.me.role === 'government';
  heading(main, `${t('subsidies')}${government ? ' · ' + cityName(session.me.region) : ''}`, asOf(), unitFor(maxFen(list.map((s) => s.budget))));
  await picker(main, false);
  main.append(schemeTabs('subsidies'));
  if (!list.length) { main.append(el('p', { class: 'muted none-here' }, w('none_here'))); return; }
  const unit = unitFor(maxFen(list.map((s) => s.budget)));
  main.append(el('h2', {}, w('schemes_list')), schemesTable(list, unit));
  for (const s of list) await scheme(main, s, government);
}
