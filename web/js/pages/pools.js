/* pools.js — 风险补偿资金池 Risk-compensation pools: each pool the user may see (a government its
 * region's; the bank and the auditor every one) as the book has it on the business date: its
 * balance, the covered balance and the leverage used against its cap, the claims it paid and the
 * recoveries returned to it, the covered NPL ratio against the ceiling that suspends new
 * coverage. The figures are the API's (GET /v1/pools, ?as_of= the day picked: the figures kept at
 * its close); the page only shows them. */
import { api } from '../api.js';
import { card, el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, money, unitFor } from '../money.js';
import { capTimes, dayArg, pct, schemeTabs, times, w } from '../schemes.js';
import { session } from '../session.js';
import { cityName, label } from '../vocab.js';
import { asOf, picker } from '../when.js';

const lines = (p) => (p.lines.length ? p.lines.map((l) => label('lines', l)).join('、') : w('all_lines'));

function state(p) {
  return el('span', { class: 'badge ' + (p.suspended ? 'bad' : 'ok'), 'data-suspended': String(p.suspended) }, p.suspended ? w('suspended') : w('open'));
}

/* One pool's figures as cards. */
function cards(p, unit) {
  return el('div', { class: 'cards pool-cards', 'data-pool': p.id },
    card(`${w('balance')} (${t(unit)})`, money(p.balance, unit), { raw: p.balance, name: 'balance' }),
    card(`${w('covered')} (${t(unit)})`, money(p.covered, unit), { raw: p.covered, name: 'covered', note: `${w('covered_loans')} ${p.covered_loans ?? '—'}` }),
    card(w('leverage_used'), pct(p.leverage_used), { raw: p.leverage_used, name: 'leverage_used', note: `${w('multiple')} ${times(p.multiple)} · ${w('cap')} ${capTimes(p.leverage)}` }),
    card(`${w('paid')} (${t(unit)})`, money(p.paid, unit), { raw: p.paid, name: 'paid', note: `${w('claims')} ${p.claims ?? '—'}` }),
    card(`${w('returned')} (${t(unit)})`, money(p.returned, unit), { raw: p.returned, name: 'returned' }),
    card(w('npl_ratio'), pct(p.npl_ratio), { raw: p.npl_ratio, name: 'npl_ratio', note: `${w('npl_ceiling')} ${pct(p.npl_ceiling)}`, tone: p.suspended ? 'bad' : 'ok' }),
    el('div', { class: 'card', 'data-card': 'state' }, el('div', { class: 'label' }, w('state')), el('div', { class: 'value' }, state(p))));
}

export async function pagePools(main) {
  const pools = await api('/v1/pools' + dayArg('?'));
  const unit = unitFor(maxFen(pools.flatMap((p) => [p.balance, p.covered, p.capacity])));
  const government = session.me.role === 'government';
  heading(main, `${t('pools')}${government ? ' · ' + cityName(session.me.region) : ''}`, asOf(), unit);
  await picker(main, false);
  main.append(schemeTabs('pools'));
  if (!pools.length) { main.append(el('p', { class: 'muted none-here' }, w('none_here'))); return; }
  for (const p of pools) {
    main.append(el('h2', {}, `${p.name} · ${w('region')}：${cityName(p.region)}`));
    main.append(el('p', { class: 'muted pool-terms' }, `${w('lines')}：${lines(p)} · ${w('share')} ${pct(p.share)} · ${w('overdue_days')} ${p.overdue_days} ${w('days')}`));
    main.append(cards(p, unit));
  }
  main.append(el('h2', {}, t('pools')));
  main.append(table([w('pool'), w('region'), num(`${w('funded')} (${t(unit)})`), num(`${w('balance')} (${t(unit)})`), num(`${w('covered')} (${t(unit)})`),
    num(`${w('capacity')} (${t(unit)})`), num(w('leverage_used')), num(w('claims')), num(`${w('paid')} (${t(unit)})`), num(`${w('returned')} (${t(unit)})`),
    num(w('npl_ratio')), w('state')],
  pools.map((p) => el('tr', { 'data-key': p.id },
    el('td', {}, p.name), el('td', {}, cityName(p.region)), moneyCell(p.funded, unit), moneyCell(p.balance, unit), moneyCell(p.covered, unit),
    moneyCell(p.capacity, unit), el('td', { class: 'num', 'data-rate': p.leverage_used }, pct(p.leverage_used)), numCell(p.claims),
    moneyCell(p.paid, unit), moneyCell(p.returned, unit), el('td', { class: 'num', 'data-rate': p.npl_ratio }, pct(p.npl_ratio)), el('td', {}, state(p)))),
  { class: 'report pools' }));
}
