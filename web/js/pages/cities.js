/* cities.js — 城市 Cities: who lags. Each city's target of the agreement (where it has one),
 * achieved, completion, time elapsed and rank; its balance and growth since the start of the
 * year; the two increases of its inclusive loans; coloured by its verdict on a tile map laid out
 * like the province and in a table, each opening the city. */
import { report } from '../api.js';
import { byBalance, creditBy } from '../credit.js';
import { el, heading, moneyCell, num, numCell, opens, table } from '../dom.js';
import { exportBar } from '../exports.js';
import { growthE2, signedPct } from '../growth.js';
import { t } from '../i18n.js';
import { maxFen, toFen, unitFor } from '../money.js';
import { progressAll, TONE, verdict, verdictLabel } from '../targets.js';
import { tileMap } from '../tilemap.js';
import { cities, cityName } from '../vocab.js';
import { asOf, periodFrom, picker, yearBase } from '../when.js';

/* Everything the cities page and the first screens show of each city on the page's day. */
export async function cityFigures() {
  const day = asOf();
  const [now, base, agreements] = await Promise.all([
    creditBy('city', null, day, periodFrom()),
    creditBy('city', null, yearBase(day), yearBase(day)).catch(() => []),
    progressAll(day),
  ]);
  const rows = now.filter((r) => r.city);
  const targets = {};
  for (const g of agreements) {
    for (const x of (g.p ? g.p.targets : [])) {
      const m = /^city:(\d+)$/.exec(x.breakdown || '');
      if (m && !targets[m[1]]) targets[m[1]] = x;
    }
  }
  const inclusive = {};
  await Promise.all(rows.map(async (r) => {
    inclusive[r.city] = await report(`/v1/reports/inclusive?as_of=${day}&region=${r.city}`).catch(() => null);
  }));
  const ranked = rows.slice().sort((a, b) => { const x = toFen(a.new), y = toFen(b.new); return x < y ? 1 : x > y ? -1 : 0; });
  return rows.sort(byBalance).map((r) => {
    const b = base.find((x) => x.city === r.city);
    const target = targets[String(r.city)] || null;
    const growth = growthE2(r.balance, b ? b.balance : null);
    return { row: r, target, verdict: target ? verdict(target) : null, growth, rank: target && target.rank ? target.rank : ranked.indexOf(r) + 1, inclusive: inclusive[r.city] };
  });
}

function yesNo(v) { return el('span', { class: 'badge ' + (v === null || v === undefined ? 'none' : v ? 'ok' : 'bad') }, v === null || v === undefined ? '—' : v ? t('held') : t('not_held')); }

export async function pageCities(main) {
  const list = await cityFigures();
  const unit = unitFor(maxFen(list.map((c) => c.row.balance).concat(list.map((c) => c.target ? c.target.target : '0'))));
  heading(main, t('cities'), asOf(), unit);
  await picker(main, true);
  const keep = location.hash.replace(/^[^?]*/, '');
  const byCode = Object.fromEntries(list.map((c) => [c.row.city, c]));
  main.append(el('h2', {}, t('map')));
  main.append(tileMap(cities().map((c) => c.code), (code) => {
    const c = byCode[code];
    if (!c) return { value: '—', tone: 'none' };
    if (c.target) return { value: c.target.percent ? c.target.percent + '%' : '—', note: verdictLabel(c.verdict), tone: TONE[c.verdict] };
    return { value: signedPct(c.growth), note: t('growth'), tone: c.growth === null ? 'none' : c.growth >= 0 ? 'ok' : 'warn' };
  }, (code) => '#/city/' + code + keep));
  main.append(exportBar('credit', { as_of: asOf(), from: periodFrom(), by: 'city' }));
  main.append(table([t('city_col'), num(`${t('target')} (${t(unit)})`), num(`${t('achieved')} (${t(unit)})`), num(t('completion')), num(t('elapsed')), t('state'), num(t('rank')),
    num(`${t('balance')} (${t(unit)})`), num(t('growth')), num(`${t('new_credit')} ${periodFrom()}– (${t(unit)})`), t('two_balance'), t('two_borrowers')],
  list.map((c) => opens(el('tr', { 'data-key': String(c.row.city), class: 'tone-' + (c.verdict ? TONE[c.verdict] : 'none') },
    el('td', {}, cityName(c.row.city)),
    c.target ? moneyCell(c.target.target, unit) : el('td', { class: 'num muted' }, t('no_target')),
    c.target ? moneyCell(c.target.achieved, unit) : el('td', { class: 'num' }, '—'),
    numCell(c.target ? c.target.percent : null, c.target && c.target.percent ? '%' : ''),
    numCell(c.target ? c.target.elapsed_percent : null, c.target && c.target.elapsed_percent ? '%' : ''),
    el('td', {}, c.verdict ? el('span', { class: 'badge ' + TONE[c.verdict] }, verdictLabel(c.verdict)) : '—'),
    el('td', { class: 'num' }, `${c.rank}/${c.target && c.target.of ? c.target.of : cities().length}`),
    moneyCell(c.row.balance, unit), el('td', { class: 'num', 'data-growth': c.growth === null ? null : String(c.growth) }, signedPct(c.growth)),
    moneyCell(c.row.new, unit),
    el('td', {}, yesNo(c.inclusive ? c.inclusive.balance_grows_no_slower : null)),
    el('td', {}, yesNo(c.inclusive ? c.inclusive.borrowers_not_fewer : null))), '#/city/' + c.row.city + keep)),
  { class: 'report cities', 'data-by': 'city' }));
}
