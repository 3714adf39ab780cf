/* schemes.js — what the pages of the government's schemes share (pools, subsidies, guarantees):
 * their own words in both languages, a percent of the API as text, a multiple (the API's percent
 * of a covered balance over a pool's balance) as "8.89 倍", and a quarter (yyyyq) as words. The
 * vocabulary's labels (lines, guarantors, subsidy modes) come from /v1/meta like every other. */
import { el } from './dom.js';
import { lang, t } from './i18n.js';
import { session } from './session.js';
import { asOf } from './when.js';

const W = {
  zh: {
    pool: '资金池', region: '出资政府', funded: '累计注资', balance: '资金池余额', covered: '在保贷款余额',
    covered_loans: '在保贷款笔数', capacity: '可担保规模（杠杆上限 × 余额）', leverage: '杠杆',
    leverage_used: '杠杆使用率', multiple: '放大倍数', cap: '上限', share: '补偿比例', overdue_days: '逾期认定天数',
    claims: '代偿（补偿）笔数', paid: '已补偿金额', returned: '追偿返还金额', npl: '在保不良余额',
    npl_ratio: '在保不良率', npl_ceiling: '暂停阈值', state: '状态', suspended: '已暂停新增', open: '正常受理',
    lines: '适用条线', all_lines: '全部条线', none_here: '本辖区暂无', days: '天',
    scheme: '贴息项目', mode: '贴息方式', points: '贴息（百分点/年）', months: '贴息期限（月）', budget: '预算',
    committed: '已占用预算', budget_left: '剩余预算', accrued: '累计应贴息', receivable: '应收财政贴息',
    subsidy_paid: '已拨付', rejected: '已核减', enrolled: '贴息贷款笔数', claims_by_quarter: '按季度申报',
    quarter: '季度', q: '{y}年第{q}季度', claimed: '申报日期', paid_on: '拨付日期', not_paid: '待拨付',
    claim_lines: '笔数', approved_lines: '核准笔数', rejected_lines: '核减笔数', amount: '申报金额',
    approved: '核准金额', lines_of: '{q}申报明细', loan: '贷款编号', decision: '审核结果',
    undecided: '待审核', approved_one: '核准', rejected_one: '核减', lines_note: '明细逐笔列示贷款，仅银行与审计可见',
    gov_decides: '政府审核逐笔明细需查看贷款，按规定小微企业贷款不向政府展示，此处仅列示季度汇总',
    claims_now: '季度申报为当前状态（不随所选日期变化）',
    guarantees: '笔数', borrowers: '户数', principal: '在保贷款余额', guaranteed: '担保金额',
    net_exposure: '银行净敞口', basis: '代偿基数', bank_share: '银行自担', overdue: '逾期未代偿',
    by_city: '按城市', by_guarantor: '各方分担', guarantor: '分担方', owed: '应代偿', paid_by: '已代偿',
    returned_to: '追偿返还', total: '合计', split: '分担比例 4:2:2:2（担保机构、国家融资担保基金、省级再担保、银行）',
    company: '担保机构', active: '在保笔数', own_share: '本机构分担', fees: '已收担保费', claim_paid: '已代偿',
    claim_owed: '应代偿', shared_back: '追偿分回', guarantee: '担保编号', covered_pct: '担保比例', own_pct: '本机构分担比例',
    fee_rate: '担保费率（年）', created: '担保日', claimed_on: '代偿申请日', not_claimed: '未发生代偿', is_overdue: '逾期未代偿',
    guarantees_of: '本机构担保的贷款', own_note: '分担额按代偿的拆分计算：其他各方份额四舍五入，余额归担保机构',
    eligibility: '适用范围', sizes: '企业规模', all_sizes: '全部规模', borrower_cap: '单户贴息上限', no_cap: '不设上限',
    schemes_list: '贴息项目一览', my_subsidies: '本企业贷款贴息', start: '贴息起始日', until: '贴息截止日',
    sub_received: '已拨付（已到账）', may_earn: '贴息期内可享', sub_pending: '待拨付', sub_claimed: '其中已申报', sub_rate: '贴息标准',
    share_of_interest: '利息的', interest_share: '贴息比例（占利息）', points_a_year: '每年 {p} 个百分点', mode_note_net: '按净利率收息：银行向财政申领贴息',
    mode_note_deposit: '全额付息：财政拨付后贴息划入本企业存款账户', no_subsidies: '本企业暂无贴息贷款',
  },
  en: {
    pool: 'Pool', region: 'Funded by', funded: 'Funded', balance: 'Pool balance', covered: 'Covered balance',
    covered_loans: 'Covered loans', capacity: 'Capacity (leverage cap × balance)', leverage: 'Leverage',
    leverage_used: 'Leverage used', multiple: 'Multiple', cap: 'cap', share: 'Compensation share',
    overdue_days: 'Days overdue to claim', claims: 'Claims', paid: 'Compensation paid', returned: 'Recoveries returned',
    npl: 'Covered non-performing', npl_ratio: 'Covered NPL ratio', npl_ceiling: 'suspension above',
    state: 'State', suspended: 'new coverage suspended', open: 'open', lines: 'Lines', all_lines: 'all lines',
    none_here: 'none in this region', days: 'days',
    scheme: 'Scheme', mode: 'Mode', points: 'Points a year', months: 'Term (months)', budget: 'Budget',
    committed: 'Budget used', budget_left: 'Budget left', accrued: 'Accrued', receivable: 'Receivable from the government',
    subsidy_paid: 'Paid', rejected: 'Rejected', enrolled: 'Loans enrolled', claims_by_quarter: 'Claims by quarter',
    quarter: 'Quarter', q: '{y} Q{q}', claimed: 'Claimed', paid_on: 'Paid', not_paid: 'to be paid',
    claim_lines: 'Lines', approved_lines: 'Approved lines', rejected_lines: 'Rejected lines', amount: 'Claimed',
    approved: 'Approved', lines_of: 'Lines of {q}', loan: 'Loan', decision: 'Decision',
    undecided: 'undecided', approved_one: 'approved', rejected_one: 'rejected', lines_note: 'The lines name loans: the bank and the auditor only',
    gov_decides: 'Deciding line by line would show small borrowers\' loans, which a government never sees: the quarters\' totals only',
    claims_now: 'The quarters\' claims as they stand now (not as of the day chosen)',
    guarantees: 'Guarantees', borrowers: 'Borrowers', principal: 'Guaranteed loans\' balance', guaranteed: 'Guaranteed',
    net_exposure: 'Bank\'s net exposure', basis: 'Claimed on', bank_share: 'Bank\'s own share', overdue: 'Overdue parts',
    by_city: 'By city', by_guarantor: 'By guarantor', guarantor: 'Guarantor', owed: 'Owes', paid_by: 'Has paid',
    returned_to: 'Given back', total: 'Total', split: 'Split 4:2:2:2 (guarantee company, national fund, provincial re-guarantee, bank)',
    company: 'Guarantee company', active: 'Loans outstanding', own_share: 'Our share', fees: 'Fees received', claim_paid: 'Claims paid',
    claim_owed: 'Claims owed', shared_back: 'Recoveries shared back', guarantee: 'Guarantee', covered_pct: 'Part guaranteed', own_pct: 'Our share of the risk',
    fee_rate: 'Fee a year', created: 'Guaranteed on', claimed_on: 'Claimed on', not_claimed: 'no claim', is_overdue: 'overdue',
    guarantees_of: 'The loans we guarantee', own_note: 'Our share as a claim splits it: the other shares half up, the rest ours',
    eligibility: 'Eligibility', sizes: 'Sizes', all_sizes: 'all sizes', borrower_cap: 'Cap per borrower', no_cap: 'no cap',
    schemes_list: 'The schemes', my_subsidies: 'Our loans\' interest subsidies', start: 'From', until: 'Until',
    sub_received: 'Received', may_earn: 'May earn over its term', sub_pending: 'Pending', sub_claimed: 'of it claimed', sub_rate: 'Subsidy',
    share_of_interest: 'of the interest', interest_share: 'Share of interest', points_a_year: '{p} points a year', mode_note_net: 'Charged at the net rate: the bank claims the subsidy',
    mode_note_deposit: 'Interest paid in full: the subsidy goes to our deposit account once the government pays', no_subsidies: 'None of our loans is subsidised',
  },
};

/* A word of these pages in the page's language, {y} and {q} filled from vars. */
export function w(key, vars) {
  let s = (W[lang()] && W[lang()][key]) || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replace(`{${k}}`, v);
  return s;
}

/* The API's percent ("88.9169") as text with two decimals, cut not rounded; null as —. */
export function pct(s) {
  if (s === null || s === undefined) return '—';
  const [i, f = ''] = String(s).split('.');
  return `${i}.${(f + '00').slice(0, 2)}%`;
}

/* A multiple the API gives as a percent ("889.1695": 8.89 times), moved two places as text. */
export function times(s) {
  if (s === null || s === undefined || String(s).startsWith('-')) return '—';
  const [i, f = ''] = String(s).split('.');
  const whole = i.padStart(3, '0');
  return `${String(Number(whole.slice(0, -2)))}.${whole.slice(-2)} ${lang() === 'zh' ? '倍' : '×'}`;
}

/* A quarter yyyyq as words: 20251 is 2025年第1季度, 2025 Q1. */
export function quarter(yq) { return w('q', { y: String(Math.floor(yq / 10)), q: String(yq % 10) }); }

/* A whole multiple (a pool's leverage cap): 10 倍, 10×. */
export function capTimes(k) { return lang() === 'zh' ? `${k} 倍` : `${k}×`; }

/* The day the pages are of (the picker's, in the URL): as the book stands when it is the last day
 * closed (what was done since included), else the figures kept at that day's close. The API's
 * argument, after sep ('?' or '&'): '' as the book stands. */
export function dayArg(sep) {
  const d = asOf();
  return d === session.closed ? '' : `${sep}as_of=${d}`;
}

/* The tab bar of the three pages (one entry of the menu): the page shown marked, the day kept. */
export function schemeTabs(current) {
  return el('nav', { class: 'tabs scheme-tabs', 'aria-label': t('schemes') }, ['pools', 'subsidies', 'guarantees'].map((p) =>
    el('a', { href: '#/' + p + dayArg('?'), class: p === current ? 'on' : '', 'data-page': p, 'aria-current': p === current ? 'page' : null }, t(p))));
}
