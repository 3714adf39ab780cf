/* pipeline.js — 融资对接 Financing pipeline: the demands received this year to the last day closed,
 * as they stand (received, answered within the level, match rate, granted against asked, the
 * median working days to a decision and to a loan, what waits past its level), for the region
 * and by city, with the declines by reason; then the open demands the user may see, a page at a
 * time (demands.js openPage), their levels counting down. A government sees its region's figures (a small cell as —) and only the demands
 * an enterprise let it see or a government brought; it posts demands for its region's
 * enterprises from its lists. */
import { api } from '../api.js';
import { el, moneyCell, num, table } from '../dom.js';
import { field, levelBadge, openPage, pager, statusLabel, vocabSelect, w, write } from '../demands.js';
import { t } from '../i18n.js';
import { maxFen, unitFor } from '../money.js';
import { session } from '../session.js';
import { cityName, entries, label } from '../vocab.js';

const pct = (s) => (s === null || s === undefined ? '—' : s + '%'); /* the API's four decimals */
const days = (m, p) => (m === null || m === undefined ? '—' : `${m} (${w('p90')} ${p})`);

function cards(r) {
  const card = (label_, value, key) => el('div', { class: 'card' }, el('div', { class: 'label' }, label_), el('div', { class: 'value', 'data-measure': key }, value));
  return el('div', { class: 'cards demand-cards' },
    card(w('received'), r.received === null ? '—' : String(r.received), 'received'),
    card(w('response_rate'), pct(r.response_rate), 'response_rate'),
    card(w('match_rate'), pct(r.match_rate), 'match_rate'),
    card(w('amount_rate'), pct(r.amount_rate), 'amount_rate'),
    card(w('decision_days'), days(r.decision_days_median, r.decision_days_p90), 'decision_days'),
    card(w('loan_days'), days(r.loan_days_median, r.loan_days_p90), 'loan_days'));
}

function byCity(rows) {
  const unit = unitFor(maxFen(rows.map((r) => r.requested || '0')));
  return table([w('city'), num(w('received')), num(`${t('amount')} (${t(unit)})`), num(w('response_rate')), num(w('match_rate')), num(w('decision_days')), num(w('loan_days')), num(w('open')), num(w('response_overdue')), num(w('decision_overdue'))],
    rows.map((r) => el('tr', { 'data-key': String(r.city), title: r.suppressed ? t('suppressed') : null },
      el('td', {}, cityName(r.city)), el('td', { class: 'num', 'data-raw': r.received }, r.received), moneyCell(r.requested, unit),
      el('td', { class: 'num', 'data-rate': r.response_rate }, pct(r.response_rate)),
      el('td', { class: 'num', 'data-rate': r.match_rate }, pct(r.match_rate)),
      el('td', { class: 'num' }, r.decision_days_median), el('td', { class: 'num' }, r.loan_days_median),
      el('td', { class: 'num' }, r.open), el('td', { class: 'num' }, r.response_overdue), el('td', { class: 'num' }, r.decision_overdue))),
    { class: 'report demand-cities' });
}

function declines(r) {
  if (!r.declines) return el('p', { class: 'muted' }, '—');
  return table([w('reason'), num(w('count'))], entries('decline_reasons').map((e) => el('tr', { 'data-key': e.key },
    el('td', {}, label('decline_reasons', e.key)), el('td', { class: 'num' }, r.declines[e.key]))), { class: 'declines' });
}

/* A government's form: a demand for an enterprise of its region, from its lists. */
function postFor() {
  const f = el('form', { class: 'action post-for' }, el('strong', {}, w('post_for')),
    field(w('party'), el('input', { name: 'party', required: '' })),
    field(`${t('amount')} (元)`, el('input', { name: 'amount', required: '', inputmode: 'decimal' })),
    field(w('purpose'), el('input', { name: 'purpose', required: '' })),
    field(w('months'), el('input', { name: 'months', required: '', value: '12' })),
    field(t('line'), vocabSelect('line', entries('lines'), 'inclusive')),
    field(w('source'), vocabSelect('source', entries('demand_sources').filter((e) => e.key !== 'enterprise'), 'government')),
    field(w('project'), el('input', { name: 'project' })),
    field(w('recommendation'), el('input', { name: 'recommendation' })),
    el('button', { class: 'primary', type: 'submit' }, w('post_for')));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = { id: `gov-${session.me.region}-${Date.now()}`, party: f.party.value, amount: f.amount.value, purpose: f.purpose.value,
      months: Number(f.months.value), line: f.line.value, source: f.source.value };
    if (f.project.value) d.project = f.project.value;
    if (f.recommendation.value) d.recommendation = f.recommendation.value;
    if (await write('/v1/demands', [d])) location.hash = '#/pipeline?t=' + Date.now();
  });
  return f;
}

export async function pagePipeline(main) {
  const from = session.closed.slice(0, 4) + '-01-01';
  const q = `/v1/reports/demands?as_of=${session.closed}&from=${from}`;
  const [total, cities, p] = await Promise.all([api(q), api(q + '&by=city'), openPage()]);
  const government = session.me.role === 'government';
  main.append(el('h1', {}, `${t('pipeline')} · ${w('period_from')} ${from} – ${session.closed}${government ? ' · ' + cityName(session.me.region) : ''}`));
  const r = total[0] || { received: 0, declines: null };
  main.append(cards(r));
  main.append(el('h2', {}, t('cities')), byCity(cities));
  main.append(el('h2', {}, w('declines')), declines(r));
  main.append(el('h2', {}, `${w('demands')} · ${w('open')}`));
  if (government) main.append(el('p', { class: 'muted' }, w('visible_note')));
  main.append(table(['', w('posted'), w('party'), w('city'), num(`${t('amount')} (${t('wan')})`), w('source'), t('status_col'), w('response'), w('decision')],
    p.list.map((d) => el('tr', { 'data-key': d.id },
      el('td', {}, d.id), el('td', {}, d.posted), el('td', {}, d.party), el('td', {}, cityName(d.city)), moneyCell(d.amount, 'wan'),
      el('td', {}, label('demand_sources', d.source)), el('td', {}, statusLabel(d.status)),
      el('td', {}, levelBadge(d, 'response')), el('td', {}, levelBadge(d, 'decision')))), { class: 'pipeline' }));
  main.append(pager('#/pipeline', p));
  if (government) main.append(postFor());
}
