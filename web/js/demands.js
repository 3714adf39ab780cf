/* demands.js — what the pages of financing demands share (mydemands, queue, pipeline): their own
 * words in both languages, a demand's levels as a badge counting down in working days, the
 * steps' dates, and a write that says what the book answered. The vocabulary's labels (statuses,
 * reasons, securities, sources) come from /v1/meta like every other label. */
import { api } from './api.js';
import { el, show } from './dom.js';
import { lang } from './i18n.js';
import { label } from './vocab.js';
import { query } from './when.js';

const W = {
  zh: {
    post: '提交融资需求', post_for: '代企业提交融资需求', purpose: '用途', months: '期限（月）',
    security: '担保方式', consent: '同意政府部门查看此需求', source: '来源', project: '重大项目编号',
    recommendation: '推荐意见', posted: '提交日期', response: '首次响应', decision: '办结',
    left: '剩 {n} 个工作日', due_today: '今日到期', overdue: '已超时 {n} 个工作日', overdue_plain: '已超时',
    done_on: '{d} 完成', withdraw: '撤回', accept: '受理', contact: '已联系', grant: '授信', decline: '婉拒',
    officer: '客户经理', note: '联系记录', facility: '授信编号', reason: '原因', text: '说明', action: '操作',
    queue_empty: '没有待处理的需求', none: '暂无', party: '企业', city: '城市', granted: '授信金额',
    received: '收到需求数', response_rate: '时限内响应率', match_rate: '对接成功率（授信/办结）',
    amount_rate: '授信金额/需求金额', decision_days: '办结工作日中位数', loan_days: '放款工作日中位数',
    p90: '90分位', open: '在办', response_overdue: '响应超时', decision_overdue: '办结超时',
    declines: '未获授信原因', count: '笔数', demands: '融资需求', period_from: '统计期',
    result_done: '已提交', visible_note: '仅显示企业同意公开或政府推荐的需求；其余只计入统计',
    page_n: '第 {n} 页', first_page: '首页', next_page: '下一页', paging: '分页',
  },
  en: {
    post: 'Post a financing demand', post_for: 'Post a demand for an enterprise', purpose: 'Purpose',
    months: 'Term (months)', security: 'Security', consent: 'The government may see this demand',
    source: 'Source', project: 'Major project', recommendation: 'Recommendation', posted: 'Posted',
    response: 'First response', decision: 'Decision', left: '{n} working days left', due_today: 'due today',
    overdue: 'overdue by {n} working days', overdue_plain: 'overdue', done_on: 'done {d}',
    withdraw: 'Withdraw', accept: 'Accept', contact: 'Contacted', grant: 'Grant', decline: 'Decline',
    officer: 'Officer', note: 'Note', facility: 'Facility', reason: 'Reason', text: 'Text', action: 'Action',
    queue_empty: 'No demand waits', none: 'none', party: 'Enterprise', city: 'City', granted: 'Granted',
    received: 'Demands received', response_rate: 'Answered within the level',
    match_rate: 'Match rate (granted / decided)', amount_rate: 'Granted / asked',
    decision_days: 'Median working days to a decision', loan_days: 'Median working days to a loan',
    p90: '90th percentile', open: 'Open', response_overdue: 'Response overdue',
    decision_overdue: 'Decision overdue', declines: 'Declined, by reason', count: 'Count',
    demands: 'Financing demands', period_from: 'Period', result_done: 'Posted',
    visible_note: 'Only the demands an enterprise let the government see, or a government brought; the others are counted in the figures',
    page_n: 'Page {n}', first_page: 'First page', next_page: 'Next page', paging: 'Pages',
  },
};

/* A word of these pages in the page's language, {n} and {d} filled from vars. */
export function w(key, vars) {
  let s = (W[lang()] && W[lang()][key]) || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replace(`{${k}}`, v);
  return s;
}

/* A level of a demand as a badge: its last day, counting down while it waits (red past it). */
export function levelBadge(d, kind) {
  const waits = kind === 'response' ? ['posted', 'accepted'].includes(d.status) : ['posted', 'accepted', 'contacted'].includes(d.status);
  const due = kind === 'response' ? d.response_due : d.decision_due;
  const left = kind === 'response' ? d.response_left : d.decision_left;
  const overdue = kind === 'response' ? d.response_overdue : d.decision_overdue;
  const doneOn = kind === 'response' ? d.contacted : d.decided || d.withdrawn;
  if (!waits) return el('span', { class: 'muted', 'data-level': kind }, doneOn ? w('done_on', { d: doneOn }) : '—');
  const text = overdue ? (left !== undefined ? w('overdue', { n: -left }) : w('overdue_plain'))
    : left === 0 ? w('due_today') : left !== undefined ? w('left', { n: left }) : due;
  return el('span', { class: 'badge ' + (overdue ? 'bad' : left === 0 ? 'none' : 'ok'), 'data-level': kind, 'data-left': left === undefined ? '' : String(left), title: due }, text);
}

export const statusLabel = (s) => label('demand_statuses', s);

/* A write of these pages: the book's answer said at the bottom; true when it was done. */
export async function write(path, body, method) {
  try {
    const r = await api(path, body, method);
    const line = Array.isArray(r) ? r[0] : r;
    if (line && line.result && line.result !== 'done' && line.result !== 'exists') {
      show(`${line.result}${line.field ? ' (' + line.field + ')' : ''}${line.year ? ' ' + line.year : ''}`, true);
      return false;
    }
    show(w('result_done'));
    return true;
  } catch (e) {
    show((e.problem && e.problem.field ? e.problem.field + ': ' : '') + e.message, true);
    return false;
  }
}

/* A labelled field of a form. */
export const field = (text, input) => el('label', {}, text, input);

/* A select of a vocabulary's entries (kind of /v1/meta), keys as values. */
export function vocabSelect(name, entries, selected) {
  return el('select', { name }, entries.map((e) => el('option', { value: e.key, ...(e.key === selected ? { selected: '' } : {}) }, lang() === 'zh' ? e.zh : e.en)));
}

/* The open demands a page shows at a time, unless the URL says limit (1..PAGE_MAX): the API
 * answers at most 1,000 a request (limit), from after a demand (after, the cursor). */
export const PAGE = 50;
const PAGE_MAX = 999; /* one more is asked for, to tell whether a next page exists */

/* The page of open demands the URL names (after, limit, page): one more asked for than shown,
 * to tell whether there is a next. */
export async function openPage() {
  const q = query();
  const asked = Number(q.get('limit'));
  const limit = Number.isInteger(asked) && asked >= 1 && asked <= PAGE_MAX ? asked : PAGE;
  const after = q.get('after') || '';
  const n = Math.max(1, Math.floor(Number(q.get('page'))) || 1);
  const list = await api(`/v1/demands?status=open&limit=${limit + 1}${after ? '&after=' + encodeURIComponent(after) : ''}`);
  return { list: list.slice(0, limit), more: list.length > limit, limit, after, n };
}

/* The hash of page n of base (#/queue ...): after the cursor, the limit kept when the URL set it. */
export function pageHash(base, p, after, n) {
  const q = new URLSearchParams();
  if (after) q.set('after', after);
  if (n > 1) q.set('page', String(n));
  if (p.limit !== PAGE) q.set('limit', String(p.limit));
  const s = q.toString();
  return base + (s ? '?' + s : '');
}

/* The pager under a page of demands: the first page, this page's number, the next. */
export function pager(base, p) {
  const last = p.list.length ? p.list[p.list.length - 1].id : '';
  return el('nav', { class: 'pager', 'aria-label': w('paging'), 'data-page': String(p.n), 'data-more': p.more ? '1' : '0' },
    p.after ? el('a', { class: 'first-page', href: pageHash(base, p, '', 1) }, w('first_page')) : undefined,
    el('span', { class: 'page-n' }, w('page_n', { n: p.n })),
    p.more ? el('a', { class: 'next-page', href: pageHash(base, p, last, p.n + 1) }, w('next_page')) : undefined);
}
