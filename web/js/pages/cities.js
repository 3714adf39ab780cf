/* cities.js — 城市 Cities: balance, loans, borrowers and new credit this year by city, ranked; a
 * city's row opens its page. */
import { pageBy } from '../credit.js';
import { t } from '../i18n.js';
import { cityName } from '../vocab.js';

export const pageCities = (main) => pageBy(main, t('cities'), 'city', (r) => cityName(r.city));
