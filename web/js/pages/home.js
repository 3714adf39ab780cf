/* home.js — 概览 the first screen: each role's question answered on one screen, every card
 * opening its page. The province: overall completion against time elapsed (序时进度), how many
 * targets are met, on track, behind, at risk; the three slowest targets and the three
 * slowest-growing cities; the NPL ratio and the two increases. A city: the same for its own
 * targets of the province's agreement, with its rank among the fourteen. The bank: the NPL
 * ratio and balance and their change since the start of the year, provisions and overdue by age
 * when the regulator's report is in, end of day. An enterprise: what is due next and when, its
 * available credit, its certificates maturing. */
import { api, report } from '../api.js';
import { creditBy } from '../credit.js';
import { card, el, heading } from '../dom.js';
import { growthE2, pctE2, signedPct } from '../growth.js';
import { t } from '../i18n.js';
import { money, toFen, unitFor } from '../money.js';
import { classesOn, fenText, qualityReport } from '../quality-data.js';
import { session } from '../session.js';
import { elapsedOf, isCity, overall, pct, progressAll, ratioPercent, targetName, TONE, verdict, verdictLabel } from '../targets.js';
import { cityName } from '../vocab.js';
import { asOf, picker, yearBase } from '../when.js';

const cards = () => el('div', { class: 'cards' });

export async function pageHome(main) {
  const role = session.me.role;
  if (role === 'enterprise') return enterpriseHome(main);
  if (role === 'government') return governmentHome(main);
  return bankHome(main);
}

/* The targets' cards: overall against elapsed, the counts, the slowest. */
function targetCards(box, list, keep) {
  const targets = list.flatMap((g) => (g.p ? g.p.targets : []));
  const counts = { met: 0, on_track: 0, behind: 0, at_risk: 0, not_met: 0, suppressed: 0 };
  for (const x of targets) { const v = verdict(x); if (counts[v] !== undefined) counts[v]++; }
  const all = overall(targets), elapsed = elapsedOf(targets);
  box.append(card(t('overall'), pct(all), { name: 'overall', raw: all, note: `${t('elapsed')} ${pct(elapsed)}`, tone: all !== null && elapsed !== null && all >= elapsed ? 'ok' : 'warn', href: '#/progress' + keep }));
  box.append(card(`${targets.length} ${t('targets_n')}`, `${counts.met} ${t('met')} · ${counts.on_track} ${t('on_track')}`,
    { name: 'counts', raw: JSON.stringify(counts), note: `${counts.behind} ${t('behind')} · ${counts.at_risk} ${t('at_risk')}${counts.not_met ? ` · ${counts.not_met} ${t('not_met')}` : ''}${counts.suppressed ? ` · ${counts.suppressed} ${t('suppressed')}` : ''}`, tone: counts.at_risk || counts.not_met ? 'bad' : counts.behind ? 'warn' : 'ok', href: '#/progress' + keep }));
  const slow = targets.filter((x) => x.percent && x.status !== 'suppressed').sort((a, b) => Number(a.percent) - Number(b.percent)).slice(0, 3);
  box.append(card(t('worst'), el('ol', { class: 'worst' }, slow.map((x) => el('li', { 'data-measure': x.measure, 'data-breakdown': x.breakdown || '' }, `${targetName(x)} ${x.percent}%`, el('span', { class: 'badge ' + TONE[verdict(x)] }, verdictLabel(verdict(x)))))),
    { name: 'worst', href: '#/progress' + keep }));
  return targets;
}

async function governmentHome(main) {
  const day = asOf();
  const keep = location.hash.replace(/^[^?]*/, '');
  const city = isCity();
  heading(main, `${t('home')} · ${cityName(session.me.region)}`, day, 'yi');
  await picker(main, false);
  const region = city ? session.me.region : null;
  const [list, inc, cls, now, base] = await Promise.all([
    progressAll(day),
    report(`/v1/reports/inclusive?as_of=${day}${region ? '&region=' + region : ''}`),
    classesOn(day, region),
    city ? Promise.resolve([]) : creditBy('city', null, day),
    city ? Promise.resolve([]) : creditBy('city', null, yearBase(day), yearBase(day)).catch(() => []),
  ]);
  const box = cards();
  main.append(box);
  const targets = targetCards(box, list, keep);
  if (city) {
    const own = targets.find((x) => x.rank);
    box.append(card(t('city_rank'), own ? `${own.rank} / ${own.of}` : '—', { name: 'rank', raw: own ? own.rank : null, href: '#/cities' + keep }));
  } else {
    const growth = now.filter((r) => r.city).map((r) => {
      const b = base.find((x) => x.city === r.city);
      return { city: r.city, g: growthE2(r.balance, b ? b.balance : null) };
    }).filter((x) => x.g !== null).sort((a, b) => a.g - b.g).slice(0, 3);
    box.append(card(t('lagging'), el('ol', { class: 'lagging' }, growth.map((x) => el('li', { 'data-city': String(x.city) }, `${cityName(x.city)} ${signedPct(x.g)}`))),
      { name: 'lagging', href: '#/cities' + keep }));
  }
  /* The agreement's NPL ceiling says the ratio the books hold for the whole region; the classes
   * of a government user's report may hold small cells it is not shown. */
  const ceiling = targets.find((x) => x.measure === 'npl_ratio_max');
  const shown = ceiling && ceiling.achieved !== null ? ratioPercent(ceiling.achieved) : pctE2(cls.ratio);
  box.append(card(t('npl_ratio'), shown, { name: 'npl', raw: ceiling ? ceiling.achieved : cls.ratio, note: ceiling ? `${t('ceiling')} ${ratioPercent(ceiling.target)}` : null,
    tone: ceiling && ceiling.status === 'exceeded' ? 'bad' : 'ok', href: (city ? '#/city/' + session.me.region : '#/trends') + keep }));
  const two = (v) => (v === null ? t(inc.suppressed ? 'suppressed' : 'no_base') : v ? t('held') : t('not_held'));
  box.append(card(t('two_increases'), `${two(inc.balance_grows_no_slower)} · ${two(inc.borrowers_not_fewer)}`,
    { name: 'inclusive', raw: `${inc.balance_grows_no_slower},${inc.borrowers_not_fewer}`, note: `${t('two_balance')}；${t('two_borrowers')}`,
      tone: inc.balance_grows_no_slower === false || inc.borrowers_not_fewer === false ? 'bad' : 'ok', href: '#/inclusive' + keep }));
}

async function bankHome(main) {
  const day = asOf();
  const keep = location.hash.replace(/^[^?]*/, '');
  heading(main, `${t('home')} · ${t('bank')}`, day, 'yi');
  await picker(main, false);
  const [now, base, q, eod, list] = await Promise.all([classesOn(day), classesOn(yearBase(day)).catch(() => null), qualityReport(day), api('/v1/eod'), progressAll(day)]);
  const unit = unitFor(now.npl); /* the NPL figures in their own unit: a tenth of a 亿 reads 0.00 */
  const box = cards();
  main.append(box);
  const ratioChange = base && base.ratio !== null && now.ratio !== null ? now.ratio - base.ratio : null;
  box.append(card(t('npl_ratio'), pctE2(now.ratio), { name: 'npl', raw: now.ratio, note: `${t('ratio_change')} ${ratioChange === null ? '—' : signedPct(ratioChange)}`, tone: ratioChange !== null && ratioChange > 0 ? 'warn' : 'ok', href: '#/quality' + keep }));
  box.append(card(`${t('npl_balance')} (${t(unit)})`, money(fenText(now.npl), unit), { name: 'npl-balance', raw: fenText(now.npl),
    note: `${t('npl_change')} ${base ? money(fenText(now.npl - base.npl), unit) : '—'}`, href: '#/quality' + keep }));
  box.append(card(t('coverage'), q && q.coverage ? q.coverage + '%' : '—', { name: 'coverage', raw: q ? q.coverage : null, note: q ? `${t('provisions')} ${money(q.provisions, unit)} ${t(unit)}` : t('not_yet'), href: '#/quality' + keep }));
  box.append(card(t('overdue_age'), q && q.overdue ? q.overdue.map((b) => `${b.bucket}: ${money(b.balance, unit)}`).join(' · ') : '—', { name: 'overdue', note: q ? t(unit) : t('not_yet'), href: '#/quality' + keep }));
  box.append(card(t('eod_status'), eod.last_closed || '—', { name: 'eod', raw: eod.last_closed, note: `${t('business_date')} ${eod.business_date || '—'}`, href: '#/eod' }));
  if (list.length) targetCards(box, list, keep);
}

async function enterpriseHome(main) {
  const party = session.me.party;
  heading(main, `${t('home')} · ${session.me.party_name || party}`, session.business, 'wan');
  const [loans, facilities, held] = await Promise.all([
    api(`/v1/parties/${encodeURIComponent(party)}/loans`),
    api(`/v1/parties/${encodeURIComponent(party)}/facilities`),
    api(`/v1/parties/${encodeURIComponent(party)}/certificates`),
  ]);
  const active = loans.filter((x) => x.status === 'active');
  const next = await Promise.all(active.map(async (x) => {
    const s = await api(`/v1/loans/${encodeURIComponent(x.id)}/schedule`);
    const i = (s.installments || []).find((y) => y.n === x.installment);
    const overdue = toFen(x.principal_overdue) + toFen(x.interest_overdue) + toFen(x.penalty);
    return i ? { loan: x.id, date: i.due_date, fen: toFen(i.payment) + overdue } : null;
  }));
  const due = next.filter(Boolean).sort((a, b) => (a.date < b.date ? -1 : 1));
  const box = cards();
  main.append(box);
  const first = due[0];
  const sameDay = first ? due.filter((d) => d.date === first.date).reduce((a, d) => a + d.fen, 0n) : 0n;
  box.append(card(t('next_due'), first ? `${money(fenText(sameDay), 'yuan')} ${t('yuan')}` : t('none'),
    { name: 'next-due', raw: first ? fenText(sameDay) : null, note: first ? `${t('due_date')} ${first.date}` : null, href: '#/loans' + (first ? '/' + encodeURIComponent(first.loan) : '') }));
  const avail = facilities.reduce((a, f) => a + toFen(f.available || '0'), 0n);
  box.append(card(`${t('available_credit')} (${t('wan')})`, money(fenText(avail), 'wan'), { name: 'available', raw: fenText(avail), href: '#/facilities' }));
  const live = held.filter((c) => c.status === 'held').sort((a, b) => (a.maturity < b.maturity ? -1 : 1));
  const face = live.reduce((a, c) => a + toFen(c.face), 0n);
  box.append(card(t('maturing'), live.length ? `${live[0].maturity}` : t('none'),
    { name: 'maturing', raw: live.length ? live[0].maturity : null, note: live.length ? `${live.length} · ${t('face_total')} ${money(fenText(face), 'yuan')} ${t('yuan')}` : null, href: '#/mycerts' }));
}

