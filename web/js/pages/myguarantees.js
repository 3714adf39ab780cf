/* myguarantees.js — 本机构担保 A guarantee company's first screen (the guarantor role): its
 * company's figures as the API sums them (GET /v1/guarantors/{id}: the loans it guarantees, their
 * principal outstanding, the part guaranteed and its own share of it, the fees the borrowers paid
 * it, the claims made, its part paid (代偿) and what later recoveries gave back), then each of
 * its guarantees as GET /v1/guarantees answers it (a guarantor reads its own company's alone).
 * The page sums nothing. */
import { api } from '../api.js';
import { card, el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, money, unitFor } from '../money.js';
import { pct, w } from '../schemes.js';
import { session } from '../session.js';

function cards(s, unit) {
  return el('div', { class: 'cards guarantor-cards', 'data-company': s.company },
    card(`${w('principal')} (${t(unit)})`, money(s.principal, unit), { raw: s.principal, name: 'principal', note: `${w('active')} ${s.active} · ${w('guarantees')} ${s.guarantees}` }),
    card(`${w('guaranteed')} (${t(unit)})`, money(s.guaranteed, unit), { raw: s.guaranteed, name: 'guaranteed' }),
    card(`${w('own_share')} (${t(unit)})`, money(s.share, unit), { raw: s.share, name: 'share' }),
    card(`${w('fees')} (${t(unit)})`, money(s.fees, unit), { raw: s.fees, name: 'fees' }),
    card(`${w('claim_owed')} (${t(unit)})`, money(s.owed, unit), { raw: s.owed, name: 'owed', note: `${w('claims')} ${s.claims} · ${w('basis')} ${money(s.basis, unit)}` }),
    card(`${w('claim_paid')} (${t(unit)})`, money(s.paid, unit), { raw: s.paid, name: 'paid' }),
    card(`${w('shared_back')} (${t(unit)})`, money(s.returned, unit), { raw: s.returned, name: 'returned' }),
    card(w('overdue'), s.overdue, { raw: s.overdue, name: 'overdue', tone: s.overdue ? 'bad' : 'ok' }));
}

/* Every guarantee the caller may read, page after page of the list. */
async function allGuarantees() {
  const all = [];
  for (let after = ''; ;) {
    const page = await api(`/v1/guarantees?limit=500${after ? '&after=' + encodeURIComponent(after) : ''}`);
    all.push(...page);
    if (page.length < 500) return all;
    after = page[page.length - 1].id;
  }
}

function guaranteesTable(list, unit) {
  const part = (g, k) => (g[k] ? g[k].company : null);
  return table([w('guarantee'), w('loan'), w('created'), num(w('covered_pct')), num(w('own_pct')), num(w('fee_rate')),
    num(`${w('principal')} (${t(unit)})`), num(`${w('fees')} (${t(unit)})`), w('claimed_on'),
    num(`${w('claim_owed')} (${t(unit)})`), num(`${w('claim_paid')} (${t(unit)})`), num(`${w('shared_back')} (${t(unit)})`)],
  list.map((g) => el('tr', { 'data-key': g.id, class: g.overdue ? 'bad' : null },
    el('td', {}, g.id), el('td', {}, g.loan), el('td', {}, g.created),
    el('td', { class: 'num', 'data-raw': g.covered }, pct(g.covered)), el('td', { class: 'num', 'data-raw': g.share_company }, pct(g.share_company)),
    el('td', { class: 'num', 'data-raw': g.fee }, pct(g.fee)), moneyCell(g.principal, unit), moneyCell(g.fees || '0.00', unit),
    el('td', {}, g.claimed ? g.claimed + (g.overdue ? ` · ${w('is_overdue')}` : '') : w('not_claimed')),
    moneyCell(part(g, 'owed'), unit), moneyCell(part(g, 'paid'), unit), moneyCell(part(g, 'returned'), unit))),
  { class: 'report guarantor-guarantees' });
}

export async function pageMyGuarantees(main) {
  const company = session.me.party;
  const [s, list] = await Promise.all([api(`/v1/guarantors/${encodeURIComponent(company)}`), allGuarantees()]);
  const unit = unitFor(maxFen([s.principal, s.guaranteed]));
  heading(main, `${t('myguarantees')} · ${s.name}`, session.closed, unit);
  main.append(cards(s, unit));
  main.append(el('p', { class: 'muted' }, w('own_note')));
  main.append(el('h2', {}, w('guarantees_of')));
  if (!list.length) { main.append(el('p', { class: 'muted none-here' }, w('none_here'))); return; }
  main.append(guaranteesTable(list, unit));
}
