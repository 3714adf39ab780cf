/* loans.js — 贷款 Loans: an enterprise's loans, what each owes now, the next installment and
 * when it is due, days past due and class; the schedule of the loan clicked (else the first
 * active one), each installment marked paid, current or unpaid. */
import { api } from '../api.js';
import { el, heading, moneyCell, num, numCell, opens, table } from '../dom.js';
import { localExport } from '../exports.js';
import { t } from '../i18n.js';
import { money, toFen } from '../money.js';
import { fenText } from '../quality-data.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

export async function pageLoans(main, id) {
  const party = session.me.party;
  const list = await api(`/v1/parties/${encodeURIComponent(party)}/loans`);
  const unit = 'wan';
  heading(main, `${t('loans')} · ${session.me.party_name || party}`, session.business, unit);
  const tbl = table([t('line'), num(`${t('amount')} (${t(unit)})`), num(t('rate')), t('method'), num(`${t('principal')} (${t(unit)})`), num(`${t('due')} (${t(unit)})`), num(t('days_past_due')), t('class'), t('state')],
    list.map((x) => {
      const due = fenText(toFen(x.principal_overdue) + toFen(x.interest_overdue) + toFen(x.penalty));
      return opens(el('tr', { 'data-key': x.id },
        el('td', {}, label('lines', x.line)), moneyCell(x.amount, unit), el('td', { class: 'num' }, (x.rate_now || x.rate) + '%'),
        el('td', {}, label('methods', x.method)), moneyCell(x.principal_outstanding || '0.00', unit), moneyCell(due, unit), numCell(x.days_past_due || 0), el('td', {}, label('classes', x.class || 'normal')),
        el('td', {}, label('loan_statuses', x.status))), '#/loans/' + encodeURIComponent(x.id));
    }), { class: 'loans' });
  main.append(localExport(tbl, 'loans'), tbl);
  const loan = list.find((x) => x.id === id) || list.find((x) => x.status === 'active') || list[0];
  if (!loan) return;
  const s = await api(`/v1/loans/${encodeURIComponent(loan.id)}/schedule`);
  const items = s.installments || [];
  const mark = (i) => (loan.status !== 'active' || i.n < loan.installment ? 'paid' : i.n === loan.installment ? 'current' : 'unpaid');
  const next = items.find((i) => i.n === loan.installment);
  main.append(el('h2', {}, `${t('schedule')} · ${label('lines', loan.line)} ${money(loan.amount, 'wan')} ${t('wan')} (${t('yuan')})`));
  if (next && loan.status === 'active') main.append(el('p', { class: 'next-due' }, `${t('next_due')}：${next.due_date} · ${money(next.payment, 'yuan')} ${t('yuan')}`));
  const st = table([num(t('installment')), t('due_date'), num(t('payment')), num(t('principal_part')), num(t('interest')), num(t('remaining')), t('state')],
    items.map((i) => el('tr', { 'data-key': String(i.n), class: 'mark-' + mark(i) }, numCell(i.n), el('td', {}, i.due_date), el('td', { class: 'num', 'data-raw': i.payment }, money(i.payment, 'yuan')),
      el('td', { class: 'num', 'data-raw': i.principal }, money(i.principal, 'yuan')), el('td', { class: 'num', 'data-raw': i.interest }, money(i.interest, 'yuan')),
      el('td', { class: 'num', 'data-raw': i.balance }, i.balance === undefined ? '—' : money(i.balance, 'yuan')), el('td', {}, el('span', { class: 'badge ' + (mark(i) === 'paid' ? 'ok' : mark(i) === 'current' ? 'warn' : 'none') }, t(mark(i)))))), { class: 'schedule' });
  main.append(localExport(st, `schedule-${loan.id}`), st);
}
