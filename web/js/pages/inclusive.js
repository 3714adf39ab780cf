/* inclusive.js — 普惠金融 Inclusive: inclusive balance and borrowers, and the two increases
 * against the end of the year before. */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { maxFen, money, unitFor } from '../money.js';
import { session } from '../session.js';
import { label } from '../vocab.js';

export async function pageInclusive(main) {
  const closed = session.closed;
  const x = await api(`/v1/reports/inclusive?as_of=${closed}`);
  const unit = unitFor(maxFen([x.all_balance, x.inclusive_balance]));
  const balance = label('measures', 'inclusive_balance'), borrowers = label('measures', 'inclusive_borrowers');
  const verdict = (v) => el('span', { class: 'badge ' + (v === null ? 'none' : v ? 'ok' : 'bad') }, v === null ? t(x.suppressed ? 'suppressed' : 'no_base') : v ? t('held') : t('not_held'));
  main.append(el('h1', {}, `${t('inclusive')} · ${t('as_of')} ${closed}`));
  main.append(el('div', { class: 'cards' },
    el('div', { class: 'card' }, el('div', { class: 'label' }, `${balance} (${t(unit)})`), el('div', { class: 'value', 'data-raw': x.inclusive_balance }, money(x.inclusive_balance, unit))),
    el('div', { class: 'card' }, el('div', { class: 'label' }, borrowers), el('div', { class: 'value', 'data-raw': String(x.inclusive_borrowers) }, x.inclusive_borrowers)),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('two_balance')), el('div', { class: 'value two-balance' }, verdict(x.balance_grows_no_slower))),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('two_borrowers')), el('div', { class: 'value two-borrowers' }, verdict(x.borrowers_not_fewer)))));
  main.append(table(['', num(`${t('base')} ${x.base_date}`), num(`${t('now')} ${x.as_of}`)], [
    el('tr', {}, el('td', {}, `${balance} (${t(unit)})`), moneyCell(x.inclusive_balance_base, unit), moneyCell(x.inclusive_balance, unit)),
    el('tr', {}, el('td', {}, `${t('balance')} (${t(unit)})`), moneyCell(x.all_balance_base, unit), moneyCell(x.all_balance, unit)),
    el('tr', {}, el('td', {}, borrowers), el('td', { class: 'num' }, x.inclusive_borrowers_base), el('td', { class: 'num' }, x.inclusive_borrowers)),
  ], { class: 'inclusive' }));
}
