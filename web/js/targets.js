/* targets.js — an agreement's targets as its readers judge them, shared by the first screens and
 * the targets page: which agreement and day a user reads, each target's verdict, its label. */
import { api, report } from './api.js';
import { t } from './i18n.js';
import { session } from './session.js';
import { cityName, label } from './vocab.js';

/* Behind the time elapsed by more than this many percentage points: at risk. */
export const AT_RISK_POINTS = 10;

/* A percent string of the API such as "2.2100" as a page writes it, "2.21%". */
export function ratioPercent(s) {
  if (s === null || s === undefined) return '—';
  const [i, f = ''] = String(s).split('.');
  return i + '.' + (f + '00').slice(0, 2) + '%';
}

/* A target's dimension ("line:green", "chain:aerospace", "city:210200") by its label. */
export function breakdownName(b) {
  if (!b) return '';
  const [k, v] = b.split(':');
  if (k === 'line') return label('lines', v);
  if (k === 'chain') return label('chains', v);
  if (k === 'city') return cityName(Number(v));
  return b;
}

export function targetName(x) { return label('measures', x.measure) + (x.breakdown ? ' · ' + breakdownName(x.breakdown) : ''); }

/* Hundredths of a percent of a "12.34" string, as an integer (BigInt-free: at most 8 digits). */
function e2(s) { const [i, f = ''] = String(s).split('.'); return Number(i) * 100 + Number((f + '00').slice(0, 2)); }

/* A target's verdict: met (reached, or a ceiling kept), on_track (ahead of the time elapsed),
 * behind, at_risk (behind by more than AT_RISK_POINTS, a ceiling exceeded or a floor not kept), not_met (behind
 * when the period has ended), suppressed (a small cell). */
export function verdict(x) {
  if (x.status === 'suppressed') return 'suppressed';
  if (x.status === 'within' || x.status === 'met') return 'met';
  if (x.status === 'exceeded') return 'at_risk';
  /* A floor (the demands' match rate) is met or not on the day, whatever the time elapsed. */
  if (x.status === 'not_met') return e2(x.elapsed_percent || '0') >= 10000 ? 'not_met' : 'at_risk';
  if (x.percent && e2(x.percent) >= 10000) return 'met';
  if (x.status === 'ahead') return 'on_track';
  if (x.elapsed_percent && e2(x.elapsed_percent) >= 10000) return 'not_met';
  if (x.percent && x.elapsed_percent && e2(x.elapsed_percent) - e2(x.percent) > AT_RISK_POINTS * 100) return 'at_risk';
  return 'behind';
}

export const TONE = { met: 'ok', on_track: 'ok', behind: 'warn', at_risk: 'bad', not_met: 'bad', suppressed: 'none' };

/* The day an agreement is read on: as_of, within its period. */
export function dayOf(a, asOf) { return asOf < a.end_date ? (asOf < a.start_date ? a.start_date : asOf) : a.end_date; }

/* Every agreement the user may see with its progress on asOf (a failure: the problem instead). */
export async function progressAll(asOf) {
  const list = await api('/v1/agreements');
  return Promise.all(list.map(async (a) => {
    const day = dayOf(a, asOf);
    try { return { a, day, p: await report(`/v1/agreements/${encodeURIComponent(a.id)}/progress?as_of=${day}`) }; }
    catch (e) { return { a, day, error: e }; }
  }));
}

/* The overall completion: the mean of the percents of the targets that have one (capped at
 * 100 each, so that one target far ahead does not hide the others), in hundredths. */
export function overall(targets) {
  const ps = targets.filter((x) => x.percent && x.status !== 'suppressed').map((x) => Math.min(e2(x.percent), 10000));
  return ps.length ? Math.round(ps.reduce((a, b) => a + b, 0) / ps.length) : null;
}

export function pct(h) { return h === null ? '—' : `${Math.trunc(h / 100)}.${String(Math.abs(h % 100)).padStart(2, '0')}%`; }

/* The share of a target's period elapsed, in hundredths: the first target's that says it. */
export function elapsedOf(targets) {
  const x = targets.find((y) => y.elapsed_percent);
  return x ? e2(x.elapsed_percent) : null;
}

export function verdictLabel(v) { return v === 'suppressed' ? t('suppressed') : t(v); }

export function isCity() { return session.me.role === 'government' && session.me.region !== 210000; }
