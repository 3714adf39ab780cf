/* inclusive.js — 普惠金融 Inclusive: inclusive balance and borrowers on the page's day, and the
 * two increases against the end of the year before. */
import { report } from '../api.js';
import { card, el, heading, moneyCell, num, numCell, table } from '../dom.js';
import { exportBar } from '../exports.js';
import { t } from '../i18n.js';
import { maxFen, money, unitFor } from '../money.js';
import { label } from '../vocab.js';
import { asOf, picker } from '../when.js';

export async function pageInclusive(main) {
  const day = asOf();
  const x = await report(`/v1/reports/inclusive?as_of=${day}`);
  const unit = unitFor(maxFen([x.all_balance, x.inclusive_balance]));
  const balance = label('measures', 'inclusive_balance'), borrowers = label('measures', 'inclusive_borrowers');
  const verdict = (v) => el('span', { class: 'badge ' + (v === null ? 'none' : v ? 'ok' : 'bad') }, v === null ? t(x.suppressed ? 'suppressed' : 'no_base') : v ? t('held') : t('not_held'));
  heading(main, t('inclusive'), day, unit);
  await picker(main, false);
  main.append(el('div', { class: 'cards' },
    card(`${balance} (${t(unit)})`, money(x.inclusive_balance, unit), { raw: x.inclusive_balance, name: 'inclusive-balance' }),
    card(borrowers, x.inclusive_borrowers, { raw: x.inclusive_borrowers, name: 'inclusive-borrowers' }),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('two_balance')), el('div', { class: 'value two-balance' }, verdict(x.balance_grows_no_slower))),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('two_borrowers')), el('div', { class: 'value two-borrowers' }, verdict(x.borrowers_not_fewer)))));
  main.append(exportBar('inclusive', { as_of: day }));
  main.append(table(['', num(`${t('base')} ${x.base_date}`), num(`${t('now')} ${x.as_of}`)], [
    el('tr', { 'data-key': 'inclusive_balance' }, el('td', {}, `${balance} (${t(unit)})`), moneyCell(x.inclusive_balance_base, unit), moneyCell(x.inclusive_balance, unit)),
    el('tr', { 'data-key': 'all_balance' }, el('td', {}, `${t('balance')} (${t(unit)})`), moneyCell(x.all_balance_base, unit), moneyCell(x.all_balance, unit)),
    el('tr', { 'data-key': 'inclusive_borrowers' }, el('td', {}, borrowers), numCell(x.inclusive_borrowers_base), numCell(x.inclusive_borrowers)),
  ], { class: 'inclusive' }));
}
