/* lines.js — 业务条线 Lines: the credit report by line of business. */
import { pageBy } from '../credit.js';
import { t } from '../i18n.js';
import { lineName } from '../labels.js';

export const pageLines = (main) => pageBy(main, t('lines'), 'line', lineName);
