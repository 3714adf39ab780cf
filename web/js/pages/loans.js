/* loans.js — 贷款 Loans: an enterprise's loans, what each owes now, days past due and class; the
 * schedule of the loan clicked (else the first). */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { toFen } from '../money.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

export async function pageLoans(main, id) {
  const party = session.me.party;
  const list = await api(`/v1/parties/${encodeURIComponent(party)}/loans`);
  const unit = 'wan';
  main.append(el('h1', {}, `${t('loans')} · ${party}`));
  main.append(table(['', t('line'), num(`${t('amount')} (${t(unit)})`), num(t('rate')), t('method'), num(`${t('principal')} (${t(unit)})`), num(`${t('due')} (${t(unit)})`), num(t('days_past_due')), t('class')],
    list.map((x) => {
      const due = (toFen(x.principal_overdue) + toFen(x.interest_overdue) + toFen(x.penalty)).toString();
      const dueStr = due.length > 2 ? due.slice(0, -2) + '.' + due.slice(-2) : '0.' + due.padStart(2, '0');
      return el('tr', { class: 'clickable', 'data-key': x.id, onclick: () => { location.hash = '#/loans/' + encodeURIComponent(x.id); } },
        el('td', {}, x.id), el('td', {}, label('lines', x.line)), moneyCell(x.amount, unit), el('td', { class: 'num' }, (x.rate_now || x.rate) + '%'),
        el('td', {}, x.method), moneyCell(x.principal_outstanding || '0', unit), moneyCell(dueStr, unit), el('td', { class: 'num' }, x.days_past_due || 0), el('td', {}, label('classes', x.class || 'normal')));
    }), { class: 'loans' }));
  const pick = id || (list[0] && list[0].id);
  if (!pick) return;
  const s = await api(`/v1/loans/${encodeURIComponent(pick)}/schedule`);
  const items = s.installments || [];
  main.append(el('h2', {}, `${t('schedule')} ${pick} (${t('yuan')})`));
  main.append(table([num(t('installment')), t('due_date'), num(t('payment')), num(t('principal')), num(t('interest'))],
    items.map((i) => el('tr', {}, el('td', { class: 'num' }, i.n), el('td', {}, i.due_date), el('td', { class: 'num' }, i.payment), el('td', { class: 'num' }, i.principal), el('td', { class: 'num' }, i.interest))), { class: 'schedule' }));
}
