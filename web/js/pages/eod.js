/* eod.js — 日终 End of day: the business date and the last day closed. */
import { api } from '../api.js';
import { card, el, heading } from '../dom.js';
import { t } from '../i18n.js';

export async function pageEod(main) {
  const e = await api('/v1/eod');
  heading(main, t('eod'), e.last_closed);
  main.append(el('div', { class: 'cards' }, card(t('business_date'), e.business_date || '—', { name: 'business-date' }), card(t('last_closed'), e.last_closed || '—', { name: 'last-closed' })));
}
