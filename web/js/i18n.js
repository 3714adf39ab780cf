/* i18n.js — the dashboard's own words (headings, buttons, messages) in Chinese and English, and
 * the language of the page: Chinese by default, English on a switch kept in the browser. The
 * domain's vocabulary (cities, lines, chains, classes, statuses, measures) is not here: it comes
 * from the server (vocab.js). */

const T = {
  zh: {
    title: '银政信贷合作看板', login: '登录', name: '用户名', password: '密码', logout: '退出',
    progress: '目标进度', cities: '城市', chains: '产业链', lines: '业务条线', projects: '重大项目',
    inclusive: '普惠金融', trends: '趋势', quality: '资产质量', exposures: '大额风险',
    certificates: '供应链票据', eod: '日终', facilities: '授信', loans: '贷款', mycerts: '我的票据',
    status: '服务状态', city: '城市详情',
    wan: '万元', yi: '亿元', yuan: '元', as_of: '截至', agreement: '合作协议', period: '协议期',
    measure: '指标', breakdown: '细分', target: '目标', achieved: '完成', percent: '完成率',
    elapsed: '时间进度', state: '状态', ahead: '领先', behind: '落后', within: '未超上限',
    exceeded: '超上限', suppressed: '户数过少，不予显示', balance: '余额', new_credit: '新增', loans_n: '笔数', borrowers: '户数',
    need: '融资需求', approved: '已审批', drawn: '已投放', outstanding: '余额',
    investment: '总投资', project: '项目', start: '开工日期', no_chain: '其他行业',
    two_balance: '普惠贷款增速不低于各项贷款增速', two_borrowers: '普惠户数不低于年初',
    base: '上年末', now: '当前', held: '达成', not_held: '未达成', no_base: '无年初基数',
    npl_ratio: '不良率', moves: '五级分类迁徙', migration_rate: '迁徙率', from: '从', to: '到', party: '客户',
    principal: '本金余额', issued: '签发', core: '核心企业', holder: '持有人', face: '面额',
    maturity: '到期日', lineage: '流转', business_date: '营业日', last_closed: '最近日终',
    limit: '额度', available: '可用', line: '条线', rate: '利率', method: '还款方式', due: '应还',
    class: '分类', schedule: '还款计划', installment: '期次', due_date: '到期日', payment: '还款额',
    interest: '利息', transfer: '转让', finance: '融资', to_party: '受让方', amount: '金额',
    new_id: '新编号', discount_rate: '贴现率(%)', done: '已完成', not_allowed: '无权访问此页面',
    expired: '会话已过期或已退出，请重新登录', wrong: '用户名或密码错误', month_end: '月末',
    metrics: '服务指标', total: '合计', status_col: '状态', days_past_due: '逾期天数', bank: '银行',
  },
  en: {
    title: 'Bank–government credit cooperation', login: 'Log in', name: 'Name', password: 'Password',
    logout: 'Log out', progress: 'Targets', cities: 'Cities', chains: 'Industry chains',
    lines: 'Lines of business', projects: 'Major projects', inclusive: 'Inclusive finance',
    trends: 'Trends', quality: 'Asset quality', exposures: 'Largest exposures',
    certificates: 'Supply-chain certificates', eod: 'End of day', facilities: 'Facilities',
    loans: 'Loans', mycerts: 'My certificates', status: 'Server', city: 'City',
    wan: '10k yuan', yi: '100m yuan', yuan: 'yuan', as_of: 'As of', agreement: 'Agreement', period: 'Period',
    measure: 'Measure', breakdown: 'Breakdown', target: 'Target', achieved: 'Achieved',
    percent: 'Achieved %', elapsed: 'Time elapsed %', state: 'Status', ahead: 'ahead',
    behind: 'behind', within: 'within', exceeded: 'exceeded',
    suppressed: 'not shown: too few borrowers', balance: 'Balance',
    new_credit: 'New', loans_n: 'Loans', borrowers: 'Borrowers', need: 'Financing need',
    approved: 'Approved', drawn: 'Drawn', outstanding: 'Outstanding', investment: 'Investment',
    project: 'Project', start: 'Start', no_chain: 'Other industries',
    two_balance: 'Inclusive loans grow no slower than all loans',
    two_borrowers: 'Inclusive borrowers not fewer than at the start of the year',
    base: 'End of last year', now: 'Now', held: 'held', not_held: 'not held', no_base: 'no base',
    npl_ratio: 'NPL ratio', moves: 'Moves between classes', migration_rate: 'Migration rate', from: 'From', to: 'To',
    party: 'Borrower', principal: 'Principal', issued: 'Issued', core: 'Core enterprise',
    holder: 'Holder', face: 'Face', maturity: 'Maturity', lineage: 'Lineage',
    business_date: 'Business date', last_closed: 'Last day closed', limit: 'Limit',
    available: 'Available', line: 'Line', rate: 'Rate', method: 'Method', due: 'Due', class: 'Class',
    schedule: 'Schedule', installment: 'No.', due_date: 'Due date', payment: 'Payment',
    interest: 'Interest', transfer: 'Transfer', finance: 'Finance', to_party: 'To party',
    amount: 'Amount', new_id: 'New id', discount_rate: 'Discount rate (%)', done: 'Done',
    not_allowed: 'You may not open this page', expired: 'The session has expired or ended: log in again',
    wrong: 'The name or the password is wrong', month_end: 'Month end', metrics: 'Metrics',
    total: 'Total', status_col: 'Status', days_past_due: 'Days past due', bank: 'the bank',
  },
};

let current = localStorage.getItem('finbridge.lang') || 'zh';

/* The page's language: 'zh' or 'en'. */
export function lang() { return current; }

export function toggleLang() {
  current = current === 'zh' ? 'en' : 'zh';
  localStorage.setItem('finbridge.lang', current);
}

export function t(key) { return (T[current] && T[current][key]) || key; }
