/* labels.js — the labels of a report's rows: a line, a chain (none: the other industries). */
import { t } from './i18n.js';
import { label } from './vocab.js';

export const lineName = (r) => label('lines', r.line);
export const chainName = (r) => (r.chain ? label('chains', r.chain) : t('no_chain'));
