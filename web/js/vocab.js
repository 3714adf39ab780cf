/* vocab.js — the domain's vocabulary: the province and its cities, the lines of business, the
 * industry chains, the loan classes, the certificate statuses and the measures, each key with
 * its Chinese and English label. For now the dashboard's own copy, as app.js had it. */
import { lang } from './i18n.js';

const meta = {
  province: { code: 210000, zh: '辽宁省', en: 'Liaoning' },
  cities: [
    [210100, '沈阳', 'Shenyang'], [210200, '大连', 'Dalian'], [210300, '鞍山', 'Anshan'],
    [210400, '抚顺', 'Fushun'], [210500, '本溪', 'Benxi'], [210600, '丹东', 'Dandong'],
    [210700, '锦州', 'Jinzhou'], [210800, '营口', 'Yingkou'], [210900, '阜新', 'Fuxin'],
    [211000, '辽阳', 'Liaoyang'], [211100, '盘锦', 'Panjin'], [211200, '铁岭', 'Tieling'],
    [211300, '朝阳', 'Chaoyang'], [211400, '葫芦岛', 'Huludao'],
  ].map(([code, zh, en]) => ({ code, zh, en })),
  lines: [
    ['technology', '科技金融', 'Technology'], ['supply_chain', '供应链金融', 'Supply chain'],
    ['green', '绿色金融', 'Green'], ['inclusive', '普惠金融', 'Inclusive'], ['wealth', '财富金融', 'Wealth'],
    ['general', '一般贷款', 'General'],
  ].map(([key, zh, en]) => ({ key, zh, en })),
  chains: [
    ['machine_tools', '数控机床', 'Machine tools'], ['aerospace', '航空航天', 'Aerospace'],
    ['integrated_circuits', '集成电路装备', 'IC equipment'], ['high_end_equipment', '高端装备', 'High-end equipment'],
    ['petrochemicals', '石化', 'Petrochemicals'], ['metallurgy', '冶金', 'Metallurgy'],
  ].map(([key, zh, en]) => ({ key, zh, en })),
  classes: [
    ['normal', '正常', 'Normal', false], ['special_mention', '关注', 'Special mention', false],
    ['substandard', '次级', 'Substandard', true], ['doubtful', '可疑', 'Doubtful', true], ['loss', '损失', 'Loss', true],
  ].map(([key, zh, en, npl]) => ({ key, zh, en, npl })),
  certificate_statuses: [
    ['held', '持有', 'held'], ['financed', '已融资', 'financed'], ['spent', '已转出', 'passed on'], ['settled', '已兑付', 'settled'],
  ].map(([key, zh, en]) => ({ key, zh, en })),
  measures: [
    ['new_credit', '新增贷款', 'New credit'], ['inclusive_borrowers', '普惠小微户数', 'Inclusive borrowers'],
    ['inclusive_balance', '普惠小微贷款余额', 'Inclusive balance'], ['green_balance', '绿色贷款余额', 'Green balance'],
    ['supply_chain_financing', '供应链融资', 'Supply-chain financing'], ['inclusive_rate_max', '普惠新发放利率上限', 'Inclusive rate ceiling'],
    ['npl_ratio_max', '不良率上限', 'NPL ratio ceiling'],
  ].map(([key, zh, en]) => ({ key, zh, en })),
};

/* The vocabulary is here already. */
export function loadVocab() { return Promise.resolve(meta); }

function name(entry) { return lang() === 'zh' ? entry.zh : entry.en; }

/* The entries of a list ("lines", "classes", ...) in order. */
export function entries(kind) { return meta[kind] || []; }

/* A key's label in the page's language; the key itself when there is no such key. */
export function label(kind, key) {
  const e = (meta[kind] || []).find((x) => x.key === key);
  return e ? name(e) : String(key);
}

/* The province: code, zh, en. */
export function province() { return entries('province'); }

/* The province's cities in code order: code, zh, en. */
export function cities() { return entries('cities'); }

/* A city's or the province's name in the page's language; the code when it is neither. */
export function cityName(code) {
  const c = Number(code) && [meta.province].concat(meta.cities).find((x) => x.code === Number(code));
  return c ? name(c) : String(code || '—');
}
