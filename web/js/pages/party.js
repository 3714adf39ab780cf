/* party.js — 借款人 Borrower (the bank's): a borrower's record, its facilities (limit, drawn,
 * available) and its loans with what each owes and its class. */
import { api } from '../api.js';
import { el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { localExport } from '../exports.js';
import { t } from '../i18n.js';
import { maxFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { cityName, label } from '../vocab.js';

export async function pageParty(main, id) {
  const [p, facilities, loans] = await Promise.all([api(`/v1/parties/${encodeURIComponent(id)}`), api(`/v1/parties/${encodeURIComponent(id)}/facilities`), api(`/v1/parties/${encodeURIComponent(id)}/loans`)]);
  const unit = unitFor(maxFen(facilities.map((f) => f.limit)));
  heading(main, `${t('borrower')} · ${p.name}`, session.business, unit);
  main.append(el('p', { class: 'muted' }, [label('party_kinds', p.kind), cityName(p.city), p.industry, p.key_chain ? label('chains', p.key_chain) : '', p.size_class ? label('sizes', p.size_class) : ''].filter(Boolean).join(' · ')));
  const ft = table([t('line'), num(`${t('limit')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`), num(`${t('available')} (${t(unit)})`), t('period')],
    facilities.map((f) => el('tr', { 'data-key': f.id }, el('td', {}, label('lines', f.line)), moneyCell(f.limit, unit), moneyCell(f.drawn || '0.00', unit), moneyCell(f.available || '0.00', unit), el('td', {}, `${f.start_date} – ${f.end_date}`))), { class: 'facilities' });
  main.append(el('h2', {}, t('facilities')), localExport(ft, `facilities-${id}`), ft);
  const lt = table([t('line'), num(`${t('amount')} (${t(unit)})`), t('method'), num(`${t('principal')} (${t(unit)})`), num(t('days_past_due')), t('class'), t('state')],
    loans.map((x) => el('tr', { 'data-key': x.id }, el('td', {}, label('lines', x.line)), moneyCell(x.amount, unit), el('td', {}, label('methods', x.method)),
      moneyCell(x.principal_outstanding || '0.00', unit), numCell(x.days_past_due || 0), el('td', {}, label('classes', x.class || 'normal')), el('td', {}, label('loan_statuses', x.status)))), { class: 'loans' });
  main.append(el('h2', {}, t('loans')), localExport(lt, `loans-${id}`), lt);
}
