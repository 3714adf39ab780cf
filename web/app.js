/* app.js — finbridge's dashboard: one page, a view per role, every figure read from the HTTP
 * API (/v1) with the session cookie of the login. Chinese by default, English on a switch;
 * amounts in 万元 or 亿元 computed from the API's decimal strings with integers (BigInt), never
 * floating point; charts by ECharts. */
'use strict';

const T = {
  zh: {
    title: '银政信贷合作看板', login: '登录', name: '用户名', password: '密码', logout: '退出',
    progress: '目标进度', cities: '城市', chains: '产业链', lines: '业务条线', projects: '重大项目',
    inclusive: '普惠金融', trends: '趋势', quality: '资产质量', exposures: '大额风险',
    certificates: '供应链票据', eod: '日终', facilities: '授信', loans: '贷款', mycerts: '我的票据',
    status: '服务状态', city: '城市详情',
    wan: '万元', yi: '亿元', as_of: '截至', agreement: '合作协议', period: '协议期',
    measure: '指标', breakdown: '细分', target: '目标', achieved: '完成', percent: '完成率',
    elapsed: '时间进度', state: '状态', ahead: '领先', behind: '落后', within: '未超上限',
    exceeded: '超上限', suppressed: '户数过少，不予显示', balance: '余额', new_credit: '新增', loans_n: '笔数', borrowers: '户数',
    need: '融资需求', approved: '已审批', drawn: '已投放', outstanding: '余额',
    investment: '总投资', project: '项目', start: '开工日期',
    m_new_credit: '新增贷款', m_inclusive_borrowers: '普惠小微户数', m_inclusive_balance: '普惠小微贷款余额',
    m_green_balance: '绿色贷款余额', m_supply_chain_financing: '供应链融资', m_inclusive_rate_max: '普惠新发放利率上限',
    m_npl_ratio_max: '不良率上限',
    l_technology: '科技金融', l_supply_chain: '供应链金融', l_green: '绿色金融', l_inclusive: '普惠金融',
    l_wealth: '财富金融', l_general: '一般贷款',
    c_machine_tools: '数控机床', c_aerospace: '航空航天', c_integrated_circuits: '集成电路装备',
    c_high_end_equipment: '高端装备', c_petrochemicals: '石化', c_metallurgy: '冶金', c_none: '其他行业',
    k_normal: '正常', k_special_mention: '关注', k_substandard: '次级', k_doubtful: '可疑', k_loss: '损失',
    two_balance: '普惠贷款增速不低于各项贷款增速', two_borrowers: '普惠户数不低于年初',
    base: '上年末', now: '当前', held: '达成', not_held: '未达成', no_base: '无年初基数',
    npl_ratio: '不良率', moves: '五级分类迁徙', from: '从', to: '到', party: '客户',
    principal: '本金余额', issued: '签发', core: '核心企业', holder: '持有人', face: '面额',
    maturity: '到期日', lineage: '流转', business_date: '营业日', last_closed: '最近日终',
    limit: '额度', available: '可用', line: '条线', rate: '利率', method: '还款方式', due: '应还',
    class: '分类', schedule: '还款计划', installment: '期次', due_date: '到期日', payment: '还款额',
    interest: '利息', transfer: '转让', finance: '融资', to_party: '受让方', amount: '金额',
    new_id: '新编号', discount_rate: '贴现率(%)', done: '已完成', not_allowed: '无权访问此页面',
    expired: '会话已过期或已退出，请重新登录', wrong: '用户名或密码错误', month_end: '月末',
    metrics: '服务指标', total: '合计', status_col: '状态', days_past_due: '逾期天数',
    s_held: '持有', s_financed: '已融资', s_spent: '已转出', s_settled: '已兑付', bank: '银行',
  },
  en: {
    title: 'Bank–government credit cooperation', login: 'Log in', name: 'Name', password: 'Password',
    logout: 'Log out', progress: 'Targets', cities: 'Cities', chains: 'Industry chains',
    lines: 'Lines of business', projects: 'Major projects', inclusive: 'Inclusive finance',
    trends: 'Trends', quality: 'Asset quality', exposures: 'Largest exposures',
    certificates: 'Supply-chain certificates', eod: 'End of day', facilities: 'Facilities',
    loans: 'Loans', mycerts: 'My certificates', status: 'Server', city: 'City',
    wan: '10k yuan', yi: '100m yuan', as_of: 'As of', agreement: 'Agreement', period: 'Period',
    measure: 'Measure', breakdown: 'Breakdown', target: 'Target', achieved: 'Achieved',
    percent: 'Achieved %', elapsed: 'Time elapsed %', state: 'Status', ahead: 'ahead',
    behind: 'behind', within: 'within', exceeded: 'exceeded',
    suppressed: 'not shown: too few borrowers', balance: 'Balance',
    new_credit: 'New', loans_n: 'Loans', borrowers: 'Borrowers', need: 'Financing need',
    approved: 'Approved', drawn: 'Drawn', outstanding: 'Outstanding', investment: 'Investment',
    project: 'Project', start: 'Start',
    m_new_credit: 'New credit', m_inclusive_borrowers: 'Inclusive borrowers',
    m_inclusive_balance: 'Inclusive balance', m_green_balance: 'Green balance',
    m_supply_chain_financing: 'Supply-chain financing', m_inclusive_rate_max: 'Inclusive rate ceiling',
    m_npl_ratio_max: 'NPL ratio ceiling',
    l_technology: 'Technology', l_supply_chain: 'Supply chain', l_green: 'Green',
    l_inclusive: 'Inclusive', l_wealth: 'Wealth', l_general: 'General',
    c_machine_tools: 'Machine tools', c_aerospace: 'Aerospace', c_integrated_circuits: 'IC equipment',
    c_high_end_equipment: 'High-end equipment', c_petrochemicals: 'Petrochemicals',
    c_metallurgy: 'Metallurgy', c_none: 'Other industries',
    k_normal: 'Normal', k_special_mention: 'Special mention', k_substandard: 'Substandard',
    k_doubtful: 'Doubtful', k_loss: 'Loss',
    two_balance: 'Inclusive loans grow no slower than all loans',
    two_borrowers: 'Inclusive borrowers not fewer than at the start of the year',
    base: 'End of last year', now: 'Now', held: 'held', not_held: 'not held', no_base: 'no base',
    npl_ratio: 'NPL ratio', moves: 'Moves between classes', from: 'From', to: 'To',
    party: 'Borrower', principal: 'Principal', issued: 'Issued', core: 'Core enterprise',
    holder: 'Holder', face: 'Face', maturity: 'Maturity', lineage: 'Lineage',
    business_date: 'Business date', last_closed: 'Last day closed', limit: 'Limit',
    available: 'Available', line: 'Line', rate: 'Rate', method: 'Method', due: 'Due', class: 'Class',
    schedule: 'Schedule', installment: 'No.', due_date: 'Due date', payment: 'Payment',
    interest: 'Interest', transfer: 'Transfer', finance: 'Finance', to_party: 'To party',
    amount: 'Amount', new_id: 'New id', discount_rate: 'Discount rate (%)', done: 'Done',
    not_allowed: 'You may not open this page', expired: 'The session has expired or ended: log in again',
    wrong: 'The name or the password is wrong', month_end: 'Month end', metrics: 'Metrics',
    total: 'Total', status_col: 'Status', days_past_due: 'Days past due',
    s_held: 'held', s_financed: 'financed', s_spent: 'passed on', s_settled: 'settled', bank: 'the bank',
  },
};

const CITIES = {
  210100: ['沈阳', 'Shenyang'], 210200: ['大连', 'Dalian'], 210300: ['鞍山', 'Anshan'],
  210400: ['抚顺', 'Fushun'], 210500: ['本溪', 'Benxi'], 210600: ['丹东', 'Dandong'],
  210700: ['锦州', 'Jinzhou'], 210800: ['营口', 'Yingkou'], 210900: ['阜新', 'Fuxin'],
  211000: ['辽阳', 'Liaoyang'], 211100: ['盘锦', 'Panjin'], 211200: ['铁岭', 'Tieling'],
  211300: ['朝阳', 'Chaoyang'], 211400: ['葫芦岛', 'Huludao'], 210000: ['辽宁省', 'Liaoning'],
};

const PAGES = {
  progress: ['government', 'bank_officer', 'auditor'],
  cities: ['government', 'bank_officer', 'auditor'],
  city: ['government', 'bank_officer', 'auditor'],
  chains: ['government', 'bank_officer', 'auditor'],
  lines: ['government', 'bank_officer', 'auditor'],
  projects: ['government', 'bank_officer', 'auditor'],
  inclusive: ['government', 'bank_officer', 'auditor'],
  trends: ['government', 'bank_officer', 'auditor'],
  quality: ['bank_officer', 'auditor'],
  exposures: ['bank_officer', 'auditor'],
  certificates: ['bank_officer', 'auditor'],
  eod: ['bank_officer', 'auditor'],
  facilities: ['enterprise'],
  loans: ['enterprise'],
  mycerts: ['enterprise'],
  status: ['admin'],
};
const NAV_HIDDEN = { city: true };

let lang = localStorage.getItem('finbridge.lang') || 'zh';
let me = null;
let closed = null; /* the last day closed */
let charts = [];

function t(key) { return (T[lang] && T[lang][key]) || key; }
function $(sel) { return document.querySelector(sel); }
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  /* A figure the server keeps from this user (a small cell) is null: shown as a dash. */
  for (const k of kids.flat()) e.append(k instanceof Node ? k : document.createTextNode(k === null ? '—' : String(k)));
  return e;
}
function cityName(code) {
  const c = CITIES[code];
  return c ? c[lang === 'zh' ? 0 : 1] : String(code || '—');
}

/* ---- Money: decimal strings of yuan to fen (BigInt), shown in 万元 or 亿元 ---- */

function toFen(s) {
  if (s === null || s === undefined) return 0n;
  const neg = String(s).startsWith('-');
  const [i, f = ''] = String(s).replace('-', '').split('.');
  const fen = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -fen : fen;
}
const UNIT = { wan: 1000000n, yi: 10000000000n }; /* fen in a unit */
function unitFor(maxFen) { return maxFen >= UNIT.yi ? 'yi' : 'wan'; }
/* Hundredths of the unit, rounded half away from zero. */
function hundredths(fen, unit) {
  const u = UNIT[unit];
  const n = fen < 0n ? -fen : fen;
  const h = (n * 100n + u / 2n) / u;
  return fen < 0n ? -h : h;
}
function fmtHundredths(h) {
  const neg = h < 0n;
  const a = neg ? -h : h;
  const whole = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + whole + '.' + (a % 100n).toString().padStart(2, '0');
}
function money(s, unit) { return s === null ? '—' : fmtHundredths(hundredths(toFen(s), unit)); }
/* A chart's value: the unit's hundredths as a number (display only). */
function plot(s, unit) { return Number(hundredths(toFen(s), unit)) / 100; }
function maxFen(values) { return values.reduce((m, v) => { const f = toFen(v); return f > m ? f : m; }, 0n); }
function moneyCell(s, unit) { return el('td', { class: 'num', 'data-raw': s, title: s === null ? t('suppressed') : null }, money(s, unit)); }

/* ---- The API ---- */

class ApiError extends Error {
  constructor(status, problem) { super(problem.detail || problem.title || String(status)); this.status = status; this.problem = problem; }
}

async function api(path, body, method, quiet) {
  const opts = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined || (method && method !== 'GET')) {
    opts.method = method || 'POST';
    opts.headers['Content-Type'] = 'application/json';
    opts.headers['X-Requested-With'] = 'finbridge';
    if (body !== undefined) opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && path !== '/v1/session' && !quiet) {
      me = null;
      show(t('expired'), true);
      location.hash = '#/login';
    }
    throw new ApiError(res.status, json || {});
  }
  return json;
}

function show(text, error) {
  const m = $('#message');
  m.textContent = text;
  m.className = error ? 'error' : '';
  m.hidden = false;
  clearTimeout(show.timer);
  show.timer = setTimeout(() => { m.hidden = true; }, 6000);
}

function chart(box, option) {
  const c = echarts.init(box, null, { renderer: 'canvas' });
  c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis' } }, option));
  charts.push(c);
  return c;
}

function table(headers, rows, attrs) {
  return el('table', attrs || {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { class: h.num ? 'num' : '' }, h.text || h)))),
    el('tbody', {}, rows));
}
const num = (text) => ({ text, num: true });

/* ---- Pages ---- */

async function pageProgress(main) {
  const list = await api('/v1/agreements');
  main.append(el('h1', {}, t('progress')));
  if (!list.length) { main.append(el('p', { class: 'muted' }, '—')); return; }
  for (const a of list) {
    const asOf = closed < a.end_date ? (closed < a.start_date ? a.start_date : closed) : a.end_date;
    main.append(el('h2', {}, `${t('agreement')} ${a.id} · ${a.bank} · ${cityName(a.region)} · ${t('period')} ${a.start_date} – ${a.end_date} · ${t('as_of')} ${asOf}`));
    let p;
    try { p = await api(`/v1/agreements/${encodeURIComponent(a.id)}/progress?as_of=${asOf}`); }
    catch (e) { main.append(el('p', { class: 'muted' }, e.message)); continue; }
    const unit = unitFor(maxFen(p.targets.filter((x) => typeof x.target === 'string').map((x) => x.target)));
    const rows = p.targets.map((x) => {
      const isMoney = typeof x.target === 'string' && !/_max$/.test(x.measure);
      const cell = (v) => isMoney ? moneyCell(v, unit) : el('td', { class: 'num', 'data-raw': v }, v === null ? '—' : x.measure === 'npl_ratio_max' ? ratioPercent(v) : String(v) + (x.measure === 'inclusive_rate_max' ? '%' : ''));
      const badge = el('span', { class: 'badge ' + (x.status === 'ahead' || x.status === 'within' ? 'ok' : x.status === 'suppressed' ? 'none' : 'bad') }, t(x.status));
      return el('tr', { 'data-measure': x.measure, 'data-breakdown': x.breakdown || '' },
        el('td', {}, t('m_' + x.measure)), el('td', {}, breakdownName(x.breakdown)),
        cell(x.target), cell(x.achieved),
        el('td', { class: 'num' }, x.percent ? x.percent + '%' : '—'),
        el('td', { class: 'num' }, x.elapsed_percent ? x.elapsed_percent + '%' : '—'),
        el('td', {}, badge));
    });
    main.append(table([t('measure'), t('breakdown'), num(`${t('target')} (${t(unit)})`), num(`${t('achieved')} (${t(unit)})`), num(t('percent')), num(t('elapsed')), t('state')], rows, { class: 'progress', 'data-agreement': a.id }));
    const shares = p.targets.filter((x) => x.percent);
    const box = el('div', { class: 'chart' });
    main.append(box);
    chart(box, {
      legend: { data: [t('percent'), t('elapsed')] },
      xAxis: { type: 'category', data: shares.map((x) => t('m_' + x.measure) + (x.breakdown ? ' ' + breakdownName(x.breakdown) : '')), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      grid: { bottom: 120 },
      series: [
        { name: t('percent'), type: 'bar', data: shares.map((x) => Number(x.percent)) },
        { name: t('elapsed'), type: 'line', data: shares.map((x) => Number(x.elapsed_percent)) },
      ],
    });
  }
}

/* A ratio such as "0.0221" as a percent, "2.21%", by moving the decimal point. */
function ratioPercent(s) {
  if (s === null) return '—';
  const [i, f = ''] = String(s).split('.');
  const digits = (i + (f + '0000').slice(0, 4)).replace(/^0+(?=\d{3})/, '');
  const padded = digits.padStart(3, '0');
  return padded.slice(0, -2) + '.' + padded.slice(-2) + '%';
}

function breakdownName(b) {
  if (!b) return '';
  const [k, v] = b.split(':');
  if (k === 'line') return t('l_' + v);
  if (k === 'chain') return t('c_' + v);
  if (k === 'city') return cityName(Number(v));
  return b;
}

function fromDate() { return closed.slice(0, 4) + '-01-01'; }

async function creditBy(by, region) {
  let q = `/v1/reports/credit?as_of=${closed}&from=${fromDate()}&by=${by}`;
  if (region) q += `&region=${region}`;
  return api(q);
}

/* Balance and new credit by one dimension, ranked, as a chart and a table. */
async function pageBy(main, title, by, name, region) {
  const rows = await creditBy(by, region);
  rows.sort((a, b) => (toFen(b.balance) > toFen(a.balance) ? 1 : toFen(b.balance) < toFen(a.balance) ? -1 : 0));
  const unit = unitFor(maxFen(rows.map((r) => r.balance).concat(rows.map((r) => r.new))));
  main.append(el('h1', {}, `${title} · ${t('as_of')} ${closed}`));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, {
    legend: { data: [t('balance'), t('new_credit')] },
    xAxis: { type: 'category', data: rows.map(name), axisLabel: { rotate: rows.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: t(unit) },
    series: [
      { name: t('balance'), type: 'bar', data: rows.map((r) => plot(r.balance, unit)) },
      { name: t('new_credit'), type: 'bar', data: rows.map((r) => plot(r.new, unit)) },
    ],
  });
  main.append(table([title, num(`${t('balance')} (${t(unit)})`), num(t('loans_n')), num(t('borrowers')), num(`${t('new_credit')} ${fromDate()}– (${t(unit)})`)],
    rows.map((r) => el('tr', { 'data-key': String(r[by]) , class: by === 'city' ? 'clickable' : '', onclick: by === 'city' ? () => { location.hash = '#/city/' + r.city; } : null },
      el('td', {}, name(r)), moneyCell(r.balance, unit), el('td', { class: 'num' }, r.loans),
      el('td', { class: 'num' }, r.borrowers), moneyCell(r.new, unit))), { class: 'report', 'data-by': by }));
}

const pageCities = (main) => pageBy(main, t('cities'), 'city', (r) => cityName(r.city));
const pageChains = (main) => pageBy(main, t('chains'), 'chain', (r) => t('c_' + (r.chain || 'none')));
const pageLines = (main) => pageBy(main, t('lines'), 'line', (r) => t('l_' + r.line));

async function pageCity(main, code) {
  code = Number(code);
  if (me.role === 'government' && me.region !== 210000 && me.region !== code) {
    main.append(el('p', { class: 'refused' }, t('not_allowed')));
    return;
  }
  await pageBy(main, `${t('city')} ${cityName(code)} · ${t('lines')}`, 'line', (r) => t('l_' + r.line), code);
  await pageBy(main, `${cityName(code)} · ${t('chains')}`, 'chain', (r) => t('c_' + (r.chain || 'none')), code);
}

async function pageProjects(main) {
  let list = await api('/v1/projects');
  if (me.role === 'government' && me.region !== 210000) list = list.filter((p) => p.city === me.region);
  const unit = unitFor(maxFen(list.map((p) => p.financing_need)));
  main.append(el('h1', {}, t('projects')));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, {
    legend: { data: [t('need'), t('approved'), t('drawn'), t('outstanding')] },
    xAxis: { type: 'category', data: list.map((p) => p.name), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: t(unit) }, grid: { bottom: 120 },
    series: ['financing_need', 'approved', 'drawn', 'outstanding'].map((k, i) => ({
      name: [t('need'), t('approved'), t('drawn'), t('outstanding')][i], type: 'bar', data: list.map((p) => plot(p[k], unit)),
    })),
  });
  main.append(table([t('project'), t('city'), t('start'), num(`${t('investment')} (${t(unit)})`), num(`${t('need')} (${t(unit)})`), num(`${t('approved')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`), num(`${t('outstanding')} (${t(unit)})`)],
    list.map((p) => el('tr', { 'data-key': p.id }, el('td', {}, p.name), el('td', {}, cityName(p.city)), el('td', {}, p.start_date),
      moneyCell(p.total_investment, unit), moneyCell(p.financing_need, unit), moneyCell(p.approved, unit), moneyCell(p.drawn, unit), moneyCell(p.outstanding, unit))),
    { class: 'projects' }));
}

async function pageInclusive(main) {
  const x = await api(`/v1/reports/inclusive?as_of=${closed}`);
  const unit = unitFor(maxFen([x.all_balance, x.inclusive_balance]));
  const verdict = (v) => el('span', { class: 'badge ' + (v === null ? 'none' : v ? 'ok' : 'bad') }, v === null ? t(x.suppressed ? 'suppressed' : 'no_base') : v ? t('held') : t('not_held'));
  main.append(el('h1', {}, `${t('inclusive')} · ${t('as_of')} ${closed}`));
  main.append(el('div', { class: 'cards' },
    el('div', { class: 'card' }, el('div', { class: 'label' }, `${t('m_inclusive_balance')} (${t(unit)})`), el('div', { class: 'value', 'data-raw': x.inclusive_balance }, money(x.inclusive_balance, unit))),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('m_inclusive_borrowers')), el('div', { class: 'value', 'data-raw': String(x.inclusive_borrowers) }, x.inclusive_borrowers)),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('two_balance')), el('div', { class: 'value two-balance' }, verdict(x.balance_grows_no_slower))),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('two_borrowers')), el('div', { class: 'value two-borrowers' }, verdict(x.borrowers_not_fewer)))));
  main.append(table(['', num(`${t('base')} ${x.base_date}`), num(`${t('now')} ${x.as_of}`)], [
    el('tr', {}, el('td', {}, `${t('m_inclusive_balance')} (${t(unit)})`), moneyCell(x.inclusive_balance_base, unit), moneyCell(x.inclusive_balance, unit)),
    el('tr', {}, el('td', {}, `${t('balance')} (${t(unit)})`), moneyCell(x.all_balance_base, unit), moneyCell(x.all_balance, unit)),
    el('tr', {}, el('td', {}, t('m_inclusive_borrowers')), el('td', { class: 'num' }, x.inclusive_borrowers_base), el('td', { class: 'num' }, x.inclusive_borrowers)),
  ], { class: 'inclusive' }));
}

function monthEnds(first, last) {
  const out = [];
  let [y, m] = first.split('-').map(Number);
  for (;;) {
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    if (end > last) break;
    out.push(end);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  if (!out.length || out[out.length - 1] !== last) out.push(last);
  return out.slice(-36);
}

async function pageTrends(main) {
  const agreements = await api('/v1/agreements');
  const first = agreements.length ? agreements[0].start_date : fromDate();
  const dates = monthEnds(first, closed);
  const series = {};
  const reports = await Promise.all(dates.map((d) => api(`/v1/reports/credit?as_of=${d}&by=line`).catch(() => [])));
  reports.forEach((rows, i) => {
    for (const r of rows) (series[r.line] = series[r.line] || {})[dates[i]] = r.balance;
  });
  const all = Object.values(series).flatMap((s) => Object.values(s));
  const unit = unitFor(maxFen(all));
  main.append(el('h1', {}, `${t('trends')} · ${t('balance')} (${t(unit)}) · ${t('month_end')}`));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, {
    legend: { data: Object.keys(series).map((l) => t('l_' + l)) },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: t(unit) },
    series: Object.entries(series).map(([l, s]) => ({ name: t('l_' + l), type: 'line', stack: 'all', areaStyle: {}, data: dates.map((d) => plot(s[d] || '0', unit)) })),
  });
}

async function pageQuality(main) {
  const rows = await api(`/v1/reports/credit?as_of=${closed}&by=class`);
  const order = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'];
  rows.sort((a, b) => order.indexOf(a.class) - order.indexOf(b.class));
  const unit = unitFor(maxFen(rows.map((r) => r.balance)));
  let total = 0n, npl = 0n;
  for (const r of rows) { const f = toFen(r.balance); total += f; if (order.indexOf(r.class) >= 2) npl += f; }
  /* The ratio in hundredths of a percent, from integers. */
  const ratio = total > 0n ? (npl * 10000n + total / 2n) / total : 0n;
  main.append(el('h1', {}, `${t('quality')} · ${t('as_of')} ${closed}`));
  main.append(el('div', { class: 'cards' }, el('div', { class: 'card' }, el('div', { class: 'label' }, t('npl_ratio')),
    el('div', { class: 'value npl', 'data-npl-fen': npl.toString(), 'data-total-fen': total.toString() }, fmtHundredths(ratio) + '%'))));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, { xAxis: { type: 'category', data: rows.map((r) => t('k_' + r.class)) }, yAxis: { type: 'value', name: t(unit) },
    series: [{ name: t('balance'), type: 'bar', data: rows.map((r) => plot(r.balance, unit)) }] });
  main.append(table([t('class'), num(`${t('balance')} (${t(unit)})`), num(t('loans_n')), num(t('borrowers'))],
    rows.map((r) => el('tr', { 'data-key': r.class }, el('td', {}, t('k_' + r.class)), moneyCell(r.balance, unit), el('td', { class: 'num' }, r.loans), el('td', { class: 'num' }, r.borrowers))), { class: 'report', 'data-by': 'class' }));
  const from = (Number(closed.slice(0, 4)) - 1) + closed.slice(4);
  const moves = await api(`/v1/reports/moves?from=${from}&as_of=${closed}`);
  main.append(el('h2', {}, `${t('moves')} ${from} – ${closed}`));
  main.append(table([t('from'), t('to'), num(t('loans_n')), num(`${t('balance')} (${t(unit)})`)],
    moves.map((m) => el('tr', {}, el('td', {}, t('k_' + m.from)), el('td', {}, t('k_' + m.to)), el('td', { class: 'num' }, m.loans), moneyCell(m.balance, unit))), { class: 'moves' }));
}

async function pageExposures(main) {
  const rows = await api('/v1/reports/exposures?limit=20');
  const unit = unitFor(maxFen(rows.map((r) => r.principal)));
  main.append(el('h1', {}, t('exposures')));
  main.append(table([t('party'), '', num(`${t('principal')} (${t(unit)})`)],
    rows.map((r) => el('tr', { 'data-key': r.party }, el('td', {}, r.party), el('td', {}, r.name), moneyCell(r.principal, unit))), { class: 'exposures' }));
}

async function pageCertificates(main, id) {
  const list = await api('/v1/certificates?limit=30');
  const unit = unitFor(maxFen(list.map((c) => c.root_face)));
  main.append(el('h1', {}, t('certificates')));
  main.append(table([t('issued'), t('core'), num(`${t('face')} (${t(unit)})`), t('maturity'), t('status_col')],
    list.map((c) => el('tr', { class: 'clickable', 'data-key': c.id, onclick: () => { location.hash = '#/certificates/' + encodeURIComponent(c.root); } },
      el('td', {}, `${c.root} · ${c.issue_date}`), el('td', {}, c.core), moneyCell(c.root_face, unit), el('td', {}, c.maturity), el('td', {}, t('s_' + c.status)))), { class: 'certificates' }));
  if (id || list.length) await lineage(main, id || list[0].root);
}

/* A certificate's tree: every part with its holder and whether the bank financed it. */
async function lineage(main, id) {
  const tree = await api(`/v1/certificates/${encodeURIComponent(id)}/lineage`);
  /* The parts come as a list, each naming the part it was cut from: make the tree. */
  const byId = {};
  for (const p of tree.parts) byId[p.id] = Object.assign({ children: [] }, p);
  let root = null;
  for (const p of Object.values(byId)) {
    if (p.parent && byId[p.parent]) byId[p.parent].children.push(p);
    else if (!root) root = p;
  }
  if (!root) return;
  const unit = unitFor(toFen(root.root_face));
  const node = (p) => ({
    name: `${(p.holder && p.holder !== 'bank' ? p.holder : t('bank'))} ${money(p.face, unit)}${p.financed ? ' · ' + t('finance') : ''}`,
    value: p.id, children: p.children.map(node),
  });
  main.append(el('h2', {}, `${t('lineage')} ${tree.root} (${t(unit)})`));
  const box = el('div', { class: 'chart lineage', 'data-root': tree.root });
  main.append(box);
  chart(box, { tooltip: { trigger: 'item', formatter: (i) => i.value },
    series: [{ type: 'tree', data: [node(root)], top: 20, bottom: 20, left: 100, right: 200, symbolSize: 10,
      label: { position: 'left', fontSize: 11 }, leaves: { label: { position: 'right' } }, expandAndCollapse: false }] });
  const flat = [];
  const walk = (p, depth) => { flat.push([p, depth]); p.children.forEach((c) => walk(c, depth + 1)); };
  walk(root, 0);
  main.append(table([t('lineage'), t('holder'), num(`${t('face')} (${t(unit)})`), t('status_col')],
    flat.map(([p, d]) => el('tr', { 'data-key': p.id }, el('td', {}, '· '.repeat(d) + p.id), el('td', {}, (p.holder && p.holder !== 'bank' ? p.holder : t('bank'))), moneyCell(p.face, unit),
      el('td', {}, p.financed ? `${t('finance')} ${p.financed.date}` : t('s_' + p.status)))), { class: 'lineage-parts' }));
}

async function pageEod(main) {
  const e = await api('/v1/eod');
  main.append(el('h1', {}, t('eod')));
  main.append(el('div', { class: 'cards' },
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('business_date')), el('div', { class: 'value' }, e.business_date || '—')),
    el('div', { class: 'card' }, el('div', { class: 'label' }, t('last_closed')), el('div', { class: 'value' }, e.last_closed || '—'))));
}

async function pageFacilities(main) {
  const list = await api(`/v1/parties/${encodeURIComponent(me.party)}/facilities`);
  const unit = unitFor(maxFen(list.map((f) => f.limit)));
  main.append(el('h1', {}, `${t('facilities')} · ${me.party}`));
  main.append(table(['', t('line'), num(`${t('limit')} (${t(unit)})`), num(`${t('available')} (${t(unit)})`), num(`${t('drawn')} (${t(unit)})`), t('period')],
    list.map((f) => el('tr', { 'data-key': f.id }, el('td', {}, f.id), el('td', {}, t('l_' + f.line)), moneyCell(f.limit, unit), moneyCell(f.available || '0', unit), moneyCell(f.drawn || '0', unit), el('td', {}, `${f.start_date} – ${f.end_date}`))), { class: 'facilities' }));
}

async function pageLoans(main, id) {
  const list = await api(`/v1/parties/${encodeURIComponent(me.party)}/loans`);
  const unit = 'wan';
  main.append(el('h1', {}, `${t('loans')} · ${me.party}`));
  main.append(table(['', t('line'), num(`${t('amount')} (${t(unit)})`), num(t('rate')), t('method'), num(`${t('principal')} (${t(unit)})`), num(`${t('due')} (${t(unit)})`), num(t('days_past_due')), t('class')],
    list.map((x) => {
      const due = (toFen(x.principal_overdue) + toFen(x.interest_overdue) + toFen(x.penalty)).toString();
      const dueStr = due.length > 2 ? due.slice(0, -2) + '.' + due.slice(-2) : '0.' + due.padStart(2, '0');
      return el('tr', { class: 'clickable', 'data-key': x.id, onclick: () => { location.hash = '#/loans/' + encodeURIComponent(x.id); } },
        el('td', {}, x.id), el('td', {}, t('l_' + x.line)), moneyCell(x.amount, unit), el('td', { class: 'num' }, (x.rate_now || x.rate) + '%'),
        el('td', {}, x.method), moneyCell(x.principal_outstanding || '0', unit), moneyCell(dueStr, unit), el('td', { class: 'num' }, x.days_past_due || 0), el('td', {}, t('k_' + (x.class || 'normal'))));
    }), { class: 'loans' }));
  const pick = id || (list[0] && list[0].id);
  if (!pick) return;
  const s = await api(`/v1/loans/${encodeURIComponent(pick)}/schedule`);
  const items = s.installments || [];
  main.append(el('h2', {}, `${t('schedule')} ${pick} (${lang === 'zh' ? '元' : 'yuan'})`));
  main.append(table([num(t('installment')), t('due_date'), num(t('payment')), num(t('principal')), num(t('interest'))],
    items.map((i) => el('tr', {}, el('td', { class: 'num' }, i.n), el('td', {}, i.due_date), el('td', { class: 'num' }, i.payment), el('td', { class: 'num' }, i.principal), el('td', { class: 'num' }, i.interest))), { class: 'schedule' }));
}

async function pageMyCerts(main, id) {
  const held = await api(`/v1/parties/${encodeURIComponent(me.party)}/certificates`);
  const unit = 'wan';
  main.append(el('h1', {}, `${t('mycerts')} · ${me.party}`));
  main.append(table(['', t('core'), num(`${t('face')} (${t(unit)})`), t('maturity'), t('status_col')],
    held.map((c) => el('tr', { class: 'clickable', 'data-key': c.id, onclick: () => { location.hash = '#/mycerts/' + encodeURIComponent(c.root); } },
      el('td', {}, c.id), el('td', {}, c.core), moneyCell(c.face, unit), el('td', {}, c.maturity), el('td', {}, t('s_' + c.status)))), { class: 'held' }));
  const options = held.filter((c) => c.status === 'held').map((c) => el('option', { value: c.id }, `${c.id} (${c.face})`));
  const part = () => el('select', { name: 'part' }, options.map((o) => o.cloneNode(true)));
  const field = (label, input) => el('label', {}, label, input);
  const tf = el('form', { class: 'action transfer' },
    el('strong', {}, t('transfer')), field(t('lineage'), part()), field(t('to_party'), el('input', { name: 'to', required: '' })),
    field(`${t('amount')} (元)`, el('input', { name: 'amount', required: '', inputmode: 'decimal' })),
    field(t('new_id'), el('input', { name: 'id', required: '' })), el('button', { class: 'primary', type: 'submit' }, t('transfer')));
  tf.addEventListener('submit', (ev) => act(ev, tf, 'transfers', (f) => ({ id: f.id.value, to: f.to.value, amount: f.amount.value, date: bizDate() })));
  const ff = el('form', { class: 'action finance' },
    el('strong', {}, t('finance')), field(t('lineage'), part()), field(`${t('amount')} (元)`, el('input', { name: 'amount', required: '', inputmode: 'decimal' })),
    field(t('discount_rate'), el('input', { name: 'rate', required: '', value: '2.85' })),
    field(t('new_id'), el('input', { name: 'id', required: '' })), el('button', { class: 'primary', type: 'submit' }, t('finance')));
  ff.addEventListener('submit', (ev) => act(ev, ff, 'financings', (f) => ({ id: f.id.value, amount: f.amount.value, rate: f.rate.value, date: bizDate() })));
  if (options.length) main.append(tf, ff);
  const root = id || (held[0] && held[0].root);
  if (root) await lineage(main, root);
}

let business = null;
function bizDate() { return business; }

async function act(ev, form, kind, body) {
  ev.preventDefault();
  const part = form.part.value;
  try {
    await api(`/v1/certificates/${encodeURIComponent(part)}/${kind}`, body(form));
    show(t('done'));
    const root = part.split('.')[0];
    location.hash = '#/mycerts/' + encodeURIComponent(root) + '?t=' + Date.now();
  } catch (e) {
    show((e.problem && e.problem.field ? e.problem.field + ': ' : '') + e.message, true);
  }
}

async function pageStatus(main) {
  main.append(el('h1', {}, t('metrics')));
  const res = await fetch('/metrics', { credentials: 'same-origin' });
  main.append(el('pre', {}, await res.text()));
}

const VIEWS = {
  progress: pageProgress, cities: pageCities, city: pageCity, chains: pageChains, lines: pageLines,
  projects: pageProjects, inclusive: pageInclusive, trends: pageTrends, quality: pageQuality,
  exposures: pageExposures, certificates: pageCertificates, eod: pageEod, facilities: pageFacilities,
  loans: pageLoans, mycerts: pageMyCerts, status: pageStatus,
};

/* ---- Login and routing ---- */

function loginForm(main) {
  const form = el('form', { class: 'login' },
    el('h1', {}, t('title')),
    el('label', {}, t('name'), el('input', { name: 'name', autocomplete: 'username', required: '' })),
    el('label', {}, t('password'), el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: '' })),
    el('button', { class: 'primary', type: 'submit' }, t('login')),
    el('p', { class: 'muted login-error', role: 'alert' }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    form.querySelector('.login-error').textContent = '';
    try {
      me = await api('/v1/session', { name: form.name.value, password: form.password.value });
      /* From the login page to the role's first page; elsewhere, back to the page asked. */
      if (/^#?\/?(login)?$/.test(location.hash)) location.hash = '#/' + firstPage();
      else route();
    } catch (e) {
      form.querySelector('.login-error').textContent = e.status === 401 ? t('wrong') : e.message;
    }
  });
  main.append(form);
}

function firstPage() { return Object.keys(PAGES).find((p) => !NAV_HIDDEN[p] && PAGES[p].includes(me.role)); }

function renderChrome(page) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-t]').forEach((e) => { e.textContent = t(e.dataset.t); });
  $('#lang').textContent = lang === 'zh' ? 'English' : '中文';
  const nav = $('#nav');
  nav.replaceChildren();
  $('#logout').hidden = !me;
  $('#who').textContent = me ? `${me.name} · ${me.role}${me.region ? ' · ' + cityName(me.region) : ''}${me.party ? ' · ' + me.party : ''}` : '';
  if (!me) return;
  for (const p of Object.keys(PAGES)) {
    if (NAV_HIDDEN[p] || !PAGES[p].includes(me.role)) continue;
    nav.append(el('a', { href: '#/' + p, class: p === page ? 'on' : '', 'data-page': p }, t(p)));
  }
}

let routeSeq = 0;

async function route() {
  /* Each visit renders into its own section; a visit overtaken by another (a click while its
   * figures load) finds its section gone and marks nothing ready. */
  const seq = ++routeSeq;
  for (const c of charts) c.dispose();
  charts = [];
  const root = $('#main');
  const main = el('section');
  root.replaceChildren(main);
  delete root.dataset.ready;
  const [path] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, arg] = path.split('/').map(decodeURIComponent);
  if (!me) {
    try {
      me = await api('/v1/me', undefined, undefined, true);
    } catch (e) {
      me = null;
      /* A session cookie the server no longer knows: say so; no cookie at all: just log in. */
      if (e.problem && e.problem.field === 'session' && page !== 'login') show(t('expired'), true);
    }
  }
  if (page === 'login') {
    me = null; /* a login page starts afresh */
    closed = null;
    business = null;
  }
  if (!me || page === 'login') {
    renderChrome(null);
    loginForm(main);
    return;
  }
  if (seq !== routeSeq) return;
  const target = page || firstPage();
  renderChrome(target);
  root.dataset.page = target;
  if (!VIEWS[target] || !PAGES[target].includes(me.role)) {
    main.append(el('p', { class: 'refused' }, t('not_allowed')));
    return;
  }
  try {
    if (me.role !== 'admin' && !closed) {
      const e = await api('/v1/eod');
      closed = e.last_closed;
      business = e.business_date;
    }
    await VIEWS[target](main, arg);
    if (seq === routeSeq) root.dataset.ready = target;
  } catch (e) {
    main.append(el('p', { class: 'error' }, e.message));
    if (seq === routeSeq) root.dataset.ready = 'error';
  }
}

$('#lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('finbridge.lang', lang);
  route();
});
$('#logout').addEventListener('click', async () => {
  try { await api('/v1/session', undefined, 'DELETE'); } catch (e) { /* already ended */ }
  me = null;
  closed = null;
  business = null;
  location.hash = '#/login';
});
window.addEventListener('hashchange', route);
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
route();
