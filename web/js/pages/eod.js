/* eod.js — 日终 End of day: the business date and the last day closed. */
import { api } from '../api.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';

export async function pageEod(main) {
  const e = await api('/v1/eod');
  main.append(el('h1', {}, t('eod')));
  main.append(el('div', { class: 'cards' },
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('business_date')), el('div', { class: 'value' }, e.business_date || '—')),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('last_closed')), el('div', { class: 'value' }, e.last_closed || '—'))));
}
