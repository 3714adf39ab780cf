/* quality.js — 资产质量 Quality: balance by five-tier class in the server's order of the classes,
 * the NPL ratio computed from the classes with integers (which classes are non-performing is the
 * server's "npl"), and the moves between classes over the last year. */
import { api } from '../api.js';
import { chart } from '../chart.js';
import { el, moneyCell, num, table } from '../dom.js';
import { t } from '../i18n.js';
import { fmtHundredths, maxFen, plot, toFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { entries, label } from '../vocab.js';

export async function pageQuality(main) {
  const closed = session.closed;
  const rows = await api(`/v1/reports/credit?as_of=${closed}&by=class`);
  const classes = entries('classes');
  const order = classes.map((c) => c.key);
  const npls = new Set(classes.filter((c) => c.npl).map((c) => c.key));
  rows.sort((a, b) => order.indexOf(a.class) - order.indexOf(b.class));
  const unit = unitFor(maxFen(rows.map((r) => r.balance)));
  let total = 0n, npl = 0n;
  for (const r of rows) { const f = toFen(r.balance); total += f; if (npls.has(r.class)) npl += f; }
  /* The ratio in hundredths of a percent, from integers. */
  const ratio = total > 0n ? (npl * 10000n + total / 2n) / total : 0n;
  const name = (key) => label('classes', key);
  main.append(el('h1', {}, `${t('quality')} · ${t('as_of')} ${closed}`));
  main.append(el('div', { class: 'cards' }, el('div', { class: 'card' }, el('div', { class: 'label' }, t('npl_ratio')),
    el('div', { class: 'value npl', 'data-npl-fen': npl.toString(), 'data-total-fen': total.toString() }, fmtHundredths(ratio) + '%'))));
  const box = el('div', { class: 'chart' });
  main.append(box);
  chart(box, { xAxis: { type: 'category', data: rows.map((r) => name(r.class)) }, yAxis: { type: 'value', name: t(unit) },
    series: [{ name: t('balance'), type: 'bar', data: rows.map((r) => plot(r.balance, unit)) }] });
  main.append(table([t('class'), num(`${t('balance')} (${t(unit)})`), num(t('loans_n')), num(t('borrowers'))],
    rows.map((r) => el('tr', { 'data-key': r.class }, el('td', {}, name(r.class)), moneyCell(r.balance, unit), el('td', { class: 'num' }, r.loans), el('td', { class: 'num' }, r.borrowers))), { class: 'report', 'data-by': 'class' }));
  const from = (Number(closed.slice(0, 4)) - 1) + closed.slice(4);
  /* The migration matrix's cells that hold loans, and each class's migration rate. */
  const moves = await api(`/v1/reports/moves?from=${from}&as_of=${closed}`);
  main.append(el('h2', {}, `${t('moves')} ${from} – ${closed}`));
  main.append(table([t('from'), t('to'), num(t('loans_n')), num(`${t('balance')} (${t(unit)})`)],
    moves.cells.filter((m) => m.loans > 0).map((m) => el('tr', {}, el('td', {}, name(m.from)), el('td', {}, name(m.to)), el('td', { class: 'num' }, m.loans), moneyCell(m.balance, unit))), { class: 'moves' }));
  main.append(table([t('class'), num(t('migration_rate'))],
    moves.classes.filter((c) => c.rate !== null).map((c) => el('tr', { 'data-key': c.class }, el('td', {}, name(c.class)), el('td', { class: 'num' }, c.rate + '%'))), { class: 'migration-rates' }));
}
