/* chains.js — 产业链 Chains: the credit report by key-industry chain. */
import { pageBy } from '../credit.js';
import { t } from '../i18n.js';
import { chainName } from '../labels.js';

export const pageChains = (main) => pageBy(main, t('chains'), 'chain', chainName);
