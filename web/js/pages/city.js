/* city.js — 城市详情 City: one city's credit by line of business and by industry chain; a city's
 * government user may open its own city only. */
import { pageBy } from '../credit.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { chainName, lineName } from '../labels.js';
import { session } from '../session.js';
import { cityName, province } from '../vocab.js';

export async function pageCity(main, code) {
  const me = session.me;
  code = Number(code);
  if (me.role === 'government' && me.region !== province().code && me.region !== code) {
    main.append(el('p', { class: 'refused' }, t('not_allowed')));
    return;
  }
  await pageBy(main, `${t('city')} ${cityName(code)} · ${t('lines')}`, 'line', lineName, code);
  await pageBy(main, `${cityName(code)} · ${t('chains')}`, 'chain', chainName, code);
}
