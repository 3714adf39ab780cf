/* errors.js — the API's refusals in the page's language, from one table keyed by the API's own
 * codes: a refused move's result (the problem's title: exceeds_held, to_core, ...), a field
 * named by a 400, a status. What the table lacks shows the API's own words. */
import { lang } from './i18n.js';

const RESULTS = {
  zh: {
    exists: '该编号已被使用', exists_with_different: '该编号已用于另一笔业务', party_not_found: '找不到该企业',
    no_facility: '核心企业没有有效的供应链授信', exceeds_available_limit: '超过可用额度', before_business_date: '日期早于营业日',
    part_not_found: '找不到该凭证', nothing_held: '该凭证已无可用余额', held_by_bank: '该凭证已由银行持有',
    at_or_after_maturity: '凭证已到期，不能转让或融资', to_current_holder: '不能转让给自己', exceeds_held: '金额超过持有金额',
    before_received: '日期早于取得凭证的日期', to_core: '不能转让给核心企业（开立方）',
  },
  en: {
    exists: 'That id is taken', exists_with_different: 'That id is used by another move', party_not_found: 'No such party',
    no_facility: 'The core enterprise has no supply-chain facility in force', exceeds_available_limit: 'More than the available limit',
    before_business_date: 'Dated before the business date', part_not_found: 'No such certificate part', nothing_held: 'Nothing of the part is held',
    held_by_bank: 'The bank holds this part', at_or_after_maturity: 'The part has matured: it cannot be passed on or financed',
    to_current_holder: 'It cannot go to its own holder', exceeds_held: 'More than is held',
    before_received: 'Dated before the part was received', to_core: 'It cannot go to the core enterprise that issued it',
  },
};

const FIELDS = {
  zh: { to: '受让方', amount: '金额', id: '编号', rate: '贴现率', date: '日期', part: '凭证', q: '名称', session: '会话' },
  en: { to: 'Receiver', amount: 'Amount', id: 'Id', rate: 'Discount rate', date: 'Date', part: 'Part', q: 'Name', session: 'Session' },
};

const STATUSES = {
  zh: { 400: '输入有误', 401: '请重新登录', 403: '无权执行此操作', 404: '未找到', 409: '与已有记录冲突', 413: '请求过大', 422: '无法办理', 429: '尝试次数过多，请稍后再试', 503: '服务暂不可用' },
  en: { 400: 'The input is wrong', 401: 'Log in again', 403: 'Not allowed', 404: 'Not found', 409: 'Conflicts with a record', 413: 'Too large', 422: 'Cannot be done', 429: 'Too many attempts: try again later', 503: 'The service is unavailable' },
};

/* The message of an ApiError (or any error) in the page's language. */
export function apiMessage(e) {
  const l = lang() === 'zh' ? 'zh' : 'en';
  const p = (e && e.problem) || {};
  if (p.title && RESULTS[l][p.title]) return RESULTS[l][p.title];
  const field = p.field && FIELDS[l][p.field];
  const status = e && e.status && STATUSES[l][e.status];
  if (status && field) return `${field}：${status}` + (l === 'en' && p.detail ? ` (${p.detail})` : '');
  if (status) return status + (l === 'en' && p.detail ? ` (${p.detail})` : '');
  return (e && e.message) || String(e);
}

/* The codes the table knows (the test checks each refusal it meets is among them). */
export const KNOWN_RESULTS = Object.keys(RESULTS.zh);
